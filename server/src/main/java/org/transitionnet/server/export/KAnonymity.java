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
 * k-anonymity over the quasi-identifiers a research record keeps: age band and sex. Groups are
 * counted in distinct subjects (many records of one person do not make a crowd). Records in groups
 * smaller than k are generalized step by step — 10-year bands, then 20-year bands, then any age —
 * and suppressed when even that leaves fewer than k subjects.
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

	/** The quasi-identifier group key of a subject at a level. */
	public static String group(int level, Integer age, String sex) {
		return LEVELS.get(level).apply(age) + "|" + (sex == null ? "" : sex);
	}

	public static String band(int level, Integer age) {
		return LEVELS.get(level).apply(age);
	}

	/**
	 * Plans generalization from the distinct (subject, age, sex) rows of all records, read once per
	 * level from the source. A row is decided at the first level whose group, counted over the rows
	 * not decided at a finer level, has at least k subjects.
	 */
	public static Decider plan(QuasiSource source, int k) {
		List<Map<String, Integer>> counts = new ArrayList<>();
		for (int level = 0; level < LEVELS.size(); level++) {
			int l = level;
			Map<String, Integer> subjects = new HashMap<>();
			Map<String, String> lastSubject = new HashMap<>();
			boolean[] pending = {false};
			source.forEachOrderedBySubject(q -> {
				if (decidedLevel(counts, q, k) >= 0) {
					return;
				}
				pending[0] = true;
				String group = group(l, q.age(), q.sex());
				if (!q.subject().equals(lastSubject.put(group, q.subject()))) {
					subjects.merge(group, 1, Integer::sum);
				}
			});
			if (!pending[0]) {
				break;
			}
			counts.add(subjects);
		}
		return new Decider(counts, k);
	}

	/** Plans from rows in memory (sorted by subject here); for small inputs and tests. */
	public static Decider plan(List<Quasi> quasiIdentifiers, int k) {
		List<Quasi> sorted = quasiIdentifiers.stream().distinct()
				.sorted(Comparator.comparing(Quasi::subject)).toList();
		return plan(action -> sorted.forEach(action), k);
	}

	/** The first level at which the row's group reaches k, or -1 (not decided by these levels). */
	private static int decidedLevel(List<Map<String, Integer>> counts, Quasi q, int k) {
		for (int l = 0; l < counts.size(); l++) {
			if (counts.get(l).getOrDefault(group(l, q.age(), q.sex()), 0) >= k) {
				return l;
			}
		}
		return -1;
	}

	/** A subject's quasi-identifiers in one record. */
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
		private final List<Map<String, Integer>> counts;
		private final int k;
		private int generalized;
		private int suppressed;
		private int kept;

		Decider(List<Map<String, Integer>> counts, int k) {
			this.counts = counts;
			this.k = k;
		}

		/** The record as released (band generalized as needed), or null when suppressed. */
		public ResearchRecord apply(ResearchRecord record) {
			int l = decidedLevel(counts, new Quasi(record.subject(), record.ageYears(), record.sex()), k);
			if (l < 0) {
				suppressed++;
				return null;
			}
			kept++;
			if (l == 0) {
				return record;
			}
			generalized++;
			return record.withAgeBand(band(l, record.ageYears()));
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
