package org.transitionnet.server.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KAnonymityTest {

	private static ResearchRecord record(String subject, int age, String sex) {
		return new ResearchRecord(new ObjectMapper().createObjectNode().put("subjectPseudonym", subject)
				.put("ageBand", org.transitionnet.server.deid.Generalizer.ageBand(age)), subject, age, sex);
	}

	private static List<ResearchRecord> release(List<ResearchRecord> records, int k, KAnonymity.Decider[] decider) {
		decider[0] = KAnonymity.plan(records.stream().map(r -> new KAnonymity.Quasi(r.subject(), r.ageYears(), r.sex())).toList(), k);
		List<ResearchRecord> out = new ArrayList<>();
		for (ResearchRecord r : records) {
			ResearchRecord released = decider[0].apply(r);
			if (released != null) {
				out.add(released);
			}
		}
		return out;
	}

	@Test
	void noReleasedGroupHasFewerThanKSubjects() {
		List<ResearchRecord> records = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			records.add(record("s" + i, 20 + (i * 7) % 70, i % 3 == 0 ? "female" : "male"));
			records.add(record("s" + i, 20 + (i * 7) % 70, i % 3 == 0 ? "female" : "male"));
		}
		records.add(record("old", 95, "female"));
		KAnonymity.Decider[] decider = new KAnonymity.Decider[1];
		List<ResearchRecord> released = release(records, 5, decider);
		Map<String, Set<String>> groups = new HashMap<>();
		for (ResearchRecord r : released) {
			groups.computeIfAbsent(r.json().path("ageBand").asText() + "|" + r.sex(), g -> new HashSet<>()).add(r.subject());
		}
		assertThat(groups.values()).allMatch(subjects -> subjects.size() >= 5);
		assertThat(decider[0].kept() + decider[0].suppressed()).isEqualTo(records.size());
		assertThat(decider[0].generalized()).isPositive();
	}

	@Test
	void manyRecordsOfOnePersonAreNotACrowd() {
		List<ResearchRecord> records = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			records.add(record("alone", 50, "male"));
		}
		KAnonymity.Decider[] decider = new KAnonymity.Decider[1];
		assertThat(release(records, 2, decider)).isEmpty();
		assertThat(decider[0].suppressed()).isEqualTo(10);
	}

	@Test
	void kOfOneReleasesEverythingUnchanged() {
		List<ResearchRecord> records = List.of(record("a", 50, "male"), record("b", 30, "female"));
		KAnonymity.Decider[] decider = new KAnonymity.Decider[1];
		assertThat(release(records, 1, decider)).containsExactlyElementsOf(records);
		assertThat(decider[0].generalized()).isZero();
	}

	@Test
	void planHoldsGroupCountsNotSubjects() {
		int population = 50_000;
		int[] reads = {0};
		KAnonymity.QuasiSource source = action -> {
			reads[0]++;
			for (int i = 0; i < population; i++) {
				String subject = String.format("s%06d", i);
				action.accept(new KAnonymity.Quasi(subject, i % 97, i % 2 == 0 ? "female" : "male"));
				// A subject seen at two ages (records on both sides of a birthday).
				action.accept(new KAnonymity.Quasi(subject, i % 97 + 1, i % 2 == 0 ? "female" : "male"));
			}
			action.accept(new KAnonymity.Quasi("z-alone", null, "other"));
		};
		KAnonymity.Decider decider = KAnonymity.plan(source, 5);

		// 10-year bands (ages >= 90 collapsed) x 2 sexes, plus the lone subject's group at each level.
		assertThat(decider.heldGroups()).isLessThanOrEqualTo(40);
		assertThat(reads[0]).isLessThanOrEqualTo(KAnonymity.LEVELS.size());
		assertThat(decider.apply(record("s000001", 1, "male"))).isNotNull();
		assertThat(decider.apply(new ResearchRecord(new ObjectMapper().createObjectNode(), "z-alone", null, "other"))).isNull();
	}

	@Test
	void aSubjectCountsOnceInAGroupWhateverTheOrderOfItsRows() {
		List<KAnonymity.Quasi> rows = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			rows.add(new KAnonymity.Quasi("s" + i, 41, "female"));
			rows.add(new KAnonymity.Quasi("s" + i, 42, "female"));
		}
		// Four subjects with two rows each in the 40-49 band: not five subjects.
		KAnonymity.Decider decider = KAnonymity.plan(rows, 5);
		assertThat(decider.apply(record("s0", 41, "female"))).isNull();
		rows.add(new KAnonymity.Quasi("s4", 45, "female"));
		assertThat(KAnonymity.plan(rows, 5).apply(record("s0", 41, "female"))).isNotNull();
	}

	@Test
	void bundlesLoseTheBirthYearThenTheZip3BeforeTheyAreSuppressed() {
		List<KAnonymity.Quasi> rows = new ArrayList<>();
		// Two subjects share birth year, sex and ZIP3; two more share sex and ZIP3; two more share only the
		// sex with each other (only rows not released at a finer level count at a coarser one).
		rows.add(new KAnonymity.Quasi("a", 1950, "female|021"));
		rows.add(new KAnonymity.Quasi("b", 1950, "female|021"));
		rows.add(new KAnonymity.Quasi("c", 1961, "female|021"));
		rows.add(new KAnonymity.Quasi("d", 1972, "female|021"));
		rows.add(new KAnonymity.Quasi("e", 1980, "female|024"));
		rows.add(new KAnonymity.Quasi("f", 1980, "male|024"));
		rows.add(new KAnonymity.Quasi("g", 1990, "female|027"));
		KAnonymity.Decider decider = KAnonymity.plan(KAnonymity.BUNDLES,
				action -> rows.stream().sorted(java.util.Comparator.comparing(KAnonymity.Quasi::subject)).forEach(action), 2);

		assertThat(decider.decide(rows.get(0))).isZero();
		assertThat(decider.decide(rows.get(2))).isEqualTo(1);
		assertThat(decider.decide(rows.get(3))).isEqualTo(1);
		assertThat(decider.decide(rows.get(4))).as("alone with its ZIP3, not alone as a female").isEqualTo(2);
		assertThat(decider.decide(rows.get(6))).isEqualTo(2);
		assertThat(decider.decide(rows.get(5))).as("the only male").isEqualTo(-1);
	}
}
