package org.transitionnet.server.export;

import org.transitionnet.server.deid.Generalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * k-anonymity over the quasi-identifiers an export keeps. Groups are counted in distinct subjects
 * (many records of one person do not make a crowd). Rows in groups smaller than k are generalized
 * step by step along a {@link Hierarchy} and suppressed when even its coarsest level leaves fewer
 * than k subjects. Research records ({@link #RECORDS}: age band and sex) go from 10-year bands to
 * 20-year bands to any age; TransitionBundles ({@link #BUNDLES}: birth year, sex, ZIP3) drop the
 * birth date, then the ZIP3.
 *
 * <p>The plan holds one subject count per group and level, never per subject: it reads the
 * quasi-identifiers once per level from a source that delivers each subject's rows together
 * (ordered by subject), so "distinct subjects" is counted by remembering the last subject per group.
 * Memory grows with the number of groups (bands × sexes), not with the population.
 */
public final class KAnonymity {

	/** Generalization levels, finest first. */
	static final List<Function<Integer, String>> LEVELS = List.of(
			age -> age == null ? "unknown" : Generalizer.ageBand(age, 10),
			age -> age == null ? "unknown" : Generalizer.ageBand(age, 20),
			age -> "any");

	private KAnonymity() {
	}

	/** Generalization levels of one kind of output, finest first. */
	public interface Hierarchy {
		int levels();

		/** The group key of a row at a level; {@code qi} holds the quasi-identifiers other than age. */
		String group(int level, Integer age, String qi);
	}

	/** Research records: {@code qi} is the sex; the age is generalized into wider bands. */
	public static final Hierarchy RECORDS = new Hierarchy() {
		@Override
		public int levels() {
			return LEVELS.size();
		}

		@Override
		public String group(int level, Integer age, String qi) {
			return LEVELS.get(level).apply(age) + "|" + (qi == null ? "" : qi);
		}
	};

	/**
	 * TransitionBundles: the age slot holds the birth year the bundle releases (null when it releases
	 * none) and {@code qi} is "sex|zip3s". Level 0 releases both, level 1 no birth date, level 2 also no ZIP3.
	 */
	public static final Hierarchy BUNDLES = new Hierarchy() {
		@Override
		public int levels() {
			return 3;
		}

		@Override
		public String group(int level, Integer age, String qi) {
			String q = qi == null ? "" : qi;
			return switch (level) {
				case 0 -> (age == null ? "unknown" : age.toString()) + "|" + q;
				case 1 -> "any|" + q;
				default -> "any|" + (q.contains("|") ? q.substring(0, q.indexOf('|')) : q);
			};
		}
	};

	public static String band(int level, Integer age) {
		return LEVELS.get(level).apply(age);
	}

	/**
	 * Plans generalization from the distinct (subject, age, sex) rows of all records, read once per
	 * level from the source. A row is decided at the first level whose group, counted over the rows
	 * not decided at a finer level, has at least k subjects.
	 */
	public static Decider plan(QuasiSource source, int k) {
		return plan(RECORDS, source, k);
	}

	/** As {@link #plan(QuasiSource, int)} along the given hierarchy. */
	public static Decider plan(Hierarchy hierarchy, QuasiSource source, int k) {
		List<Map<String, Integer>> counts = new ArrayList<>();
		for (int level = 0; level < hierarchy.levels(); level++) {
			int l = level;
			Map<String, Integer> subjects = new HashMap<>();
			Map<String, String> lastSubject = new HashMap<>();
			boolean[] pending = {false};
			source.forEachOrderedBySubject(q -> {
				if (decidedLevel(hierarchy, counts, q, k) >= 0) {
					return;
				}
				pending[0] = true;
				String group = hierarchy.group(l, q.age(), q.sex());
				if (!q.subject().equals(lastSubject.put(group, q.subject()))) {
					subjects.merge(group, 1, Integer::sum);
				}
			});
			if (!pending[0]) {
				break;
			}
			counts.add(subjects);
		}
		return new Decider(hierarchy, counts, k);
	}

	/** Plans from rows in memory (sorted by subject here); for small inputs and tests. */
	public static Decider plan(List<Quasi> quasiIdentifiers, int k) {
		List<Quasi> sorted = quasiIdentifiers.stream().distinct()
				.sorted(Comparator.comparing(Quasi::subject)).toList();
		return plan(action -> sorted.forEach(action), k);
	}

	/** The first level at which the row's group reaches k, or -1 (not decided by these levels). */
	private static int decidedLevel(Hierarchy hierarchy, List<Map<String, Integer>> counts, Quasi q, int k) {
		for (int l = 0; l < counts.size(); l++) {
			if (counts.get(l).getOrDefault(hierarchy.group(l, q.age(), q.sex()), 0) >= k) {
				return l;
			}
		}
		return -1;
	}

	/** A subject's quasi-identifiers in one record: the age and the others ({@code sex}, or "sex|zip3" for bundles). */
	public record Quasi(String subject, Integer age, String sex) {
		public Quasi {
			Objects.requireNonNull(subject, "subject");
		}
	}

	/** Distinct quasi-identifier rows, each subject's rows delivered together; may be read several times. */
	@FunctionalInterface
	public interface QuasiSource {
		void forEachOrderedBySubject(Consumer<Quasi> action);
	}

	/** Applies a plan to records and counts what it did. */
	public static final class Decider {
		private final Hierarchy hierarchy;
		private final List<Map<String, Integer>> counts;
		private final int k;
		private int generalized;
		private int suppressed;
		private int kept;

		Decider(Hierarchy hierarchy, List<Map<String, Integer>> counts, int k) {
			this.hierarchy = hierarchy;
			this.counts = counts;
			this.k = k;
		}

		/** The level a row is released at (0 unchanged), or -1 when it is suppressed; counts the decision. */
		public int decide(Quasi q) {
			int l = decidedLevel(hierarchy, counts, q, k);
			if (l < 0) {
				suppressed++;
			} else {
				kept++;
				if (l > 0) {
					generalized++;
				}
			}
			return l;
		}

		/** The research record as released (band generalized as needed), or null when suppressed. */
		public ResearchRecord apply(ResearchRecord record) {
			int l = decide(new Quasi(record.subject(), record.ageYears(), record.sex()));
			if (l < 0) {
				return null;
			}
			return l == 0 ? record : record.withAgeBand(band(l, record.ageYears()));
		}

		public int generalized() {
			return generalized;
		}

		public int suppressed() {
			return suppressed;
		}

		public int kept() {
			return kept;
		}

		/** Group counts the plan holds, over all levels. */
		int heldGroups() {
			return counts.stream().mapToInt(Map::size).sum();
		}
	}
}
