package org.transitionnet.server.export;

import org.transitionnet.server.deid.Generalizer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * k-anonymity over the quasi-identifiers a research record keeps: age band and sex. Groups are
 * counted in distinct subjects (many records of one person do not make a crowd). Records in groups
 * smaller than k are generalized step by step — 10-year bands, then 20-year bands, then any age —
 * and suppressed when even that leaves fewer than k subjects.
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
	 * Plans generalization from the (subject, age, sex) triples of all records. Only the triples
	 * are held, one per distinct subject and age — not the records.
	 */
	public static Decider plan(Iterable<Quasi> quasiIdentifiers, int k) {
		Set<Quasi> pending = new HashSet<>();
		quasiIdentifiers.forEach(pending::add);
		Map<Quasi, Integer> level = new HashMap<>();
		for (int l = 0; l < LEVELS.size() && !pending.isEmpty(); l++) {
			Map<String, Set<String>> subjects = new HashMap<>();
			for (Quasi q : pending) {
				subjects.computeIfAbsent(group(l, q.age(), q.sex()), g -> new HashSet<>()).add(q.subject());
			}
			Set<Quasi> next = new HashSet<>();
			for (Quasi q : pending) {
				if (subjects.get(group(l, q.age(), q.sex())).size() >= k) {
					level.put(q, l);
				} else {
					next.add(q);
				}
			}
			pending = next;
		}
		pending.forEach(q -> level.put(q, -1));
		return new Decider(level);
	}

	/** A subject's quasi-identifiers in one record. */
	public record Quasi(String subject, Integer age, String sex) {
	}

	/** Applies a plan to records and counts what it did. */
	public static final class Decider {
		private final Map<Quasi, Integer> level;
		private int generalized;
		private int suppressed;
		private int kept;

		Decider(Map<Quasi, Integer> level) {
			this.level = level;
		}

		/** The record as released (band generalized as needed), or null when suppressed. */
		public ResearchRecord apply(ResearchRecord record) {
			Integer l = level.get(new Quasi(record.subject(), record.ageYears(), record.sex()));
			if (l == null || l < 0) {
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
	}
}
