package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KAnonymityTest {

    private static SubjectQuasi subject(String id, String sex, List<Integer> ages, String... patientFields) {
        return new SubjectQuasi(id, sex, new TreeSet<>(ages), new TreeSet<>(List.of(patientFields)));
    }

    /** What a recipient sees of each released subject, joined across outputs: groups of it must hold ≥ k subjects. */
    private static Map<String, Set<String>> releasedGroups(List<SubjectQuasi> subjects, KAnonymity.Plan plan) {
        Map<String, Set<String>> groups = new HashMap<>();
        for (SubjectQuasi s : subjects) {
            int level = plan.level(s);
            if (level >= 0) {
                groups.computeIfAbsent(s.groupAt(level), g -> new HashSet<>()).add(s.subject());
            }
        }
        return groups;
    }

    @Test
    void noReleasedGroupHasFewerThanKSubjects() {
        List<SubjectQuasi> subjects = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int age = 20 + (i * 7) % 70;
            subjects.add(subject(
                    "s" + i,
                    i % 3 == 0 ? "female" : "male",
                    List.of(age, age + 1),
                    "birthDate=" + (2000 - age),
                    "gender=" + (i % 3 == 0 ? "female" : "male"),
                    "address.postalCode=02" + (i % 4)));
        }
        subjects.add(subject("old", "female", List.of(95)));
        KAnonymity.Plan plan = KAnonymity.plan(subjects, 5);
        assertThat(releasedGroups(subjects, plan).values()).isNotEmpty().allMatch(s -> s.size() >= 5);
        assertThat(subjects.stream().filter(s -> plan.level(s) > 0)).isNotEmpty();
        subjects.stream()
                .filter(s -> plan.level(s) >= 0)
                .forEach(s -> assertThat(plan.groupSize(s)).isGreaterThanOrEqualTo(5));
    }

    @Test
    void joiningRecordsAndBundlesCannotNarrowAGroup() {
        // Records alone (band and sex) and bundles alone (ZIP3 and sex) each give groups of 2, but the
        // join gives groups of 1: one plan over both outputs must generalize past it.
        List<SubjectQuasi> subjects = List.of(
                subject("a", "male", List.of(41), "gender=male", "address.postalCode=021"),
                subject("b", "male", List.of(41), "gender=male", "address.postalCode=024"),
                subject("c", "male", List.of(55), "gender=male", "address.postalCode=021"),
                subject("d", "male", List.of(55), "gender=male", "address.postalCode=024"));
        KAnonymity.Plan plan = KAnonymity.plan(subjects, 2);
        assertThat(subjects).allMatch(s -> plan.level(s) > 0);
        assertThat(releasedGroups(subjects, plan).values()).allMatch(s -> s.size() >= 2);
    }

    @Test
    void everyKeptPatientFieldIsCountedAndDroppedBeforeTheZip3() {
        // The same birth year, sex and ZIP3, told apart only by marital status.
        List<SubjectQuasi> subjects = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            subjects.add(subject(
                    "s" + i,
                    "female",
                    List.of(),
                    "birthDate=1960",
                    "gender=female",
                    "address.postalCode=021",
                    "maritalStatus.coding.code=" + (i % 2 == 0 ? "M" : "S" + i)));
        }
        KAnonymity.Plan plan = KAnonymity.plan(subjects, 3);
        assertThat(subjects).allMatch(s -> plan.level(s) == 2);
        assertThat(subjects.get(0).patientFieldsAt(2)).containsExactly("address.postalCode=021", "gender=female");
    }

    @Test
    void manyRecordsOfOnePersonAreNotACrowd() {
        SubjectQuasi alone = subject("alone", "male", List.of(50, 51, 52, 53));
        KAnonymity.Plan plan = KAnonymity.plan(List.of(alone), 2);
        assertThat(plan.level(alone)).isEqualTo(-1);
        assertThat(plan.groupSize(alone)).isZero();
    }

    @Test
    void kOfOneReleasesEverythingUnchanged() {
        List<SubjectQuasi> subjects =
                List.of(subject("a", "male", List.of(50), "birthDate=1970"), subject("b", "female", List.of(30)));
        KAnonymity.Plan plan = KAnonymity.plan(subjects, 1);
        assertThat(subjects).allMatch(s -> plan.level(s) == 0);
    }

    @Test
    void agesWidenThenGo() {
        assertThat(KAnonymity.band(0, 47)).isEqualTo("40-49");
        assertThat(KAnonymity.band(3, 47)).isEqualTo("40-59");
        assertThat(KAnonymity.band(5, 47)).isEqualTo("any");
        assertThat(KAnonymity.band(0, 93)).isEqualTo("90+");
        assertThat(KAnonymity.band(0, -1)).isEqualTo("unknown");
    }

    @Test
    void planHoldsGroupCountsNotSubjects() {
        int population = 50_000;
        int[] reads = {0};
        KAnonymity.SubjectSource source = action -> {
            reads[0]++;
            for (int i = 0; i < population; i++) {
                action.accept(subject(
                        String.format("s%06d", i), i % 2 == 0 ? "female" : "male", List.of(i % 97, i % 97 + 1)));
            }
            action.accept(subject("z-alone", "other", List.of()));
        };
        KAnonymity.Plan plan = KAnonymity.plan(source, 5);
        assertThat(plan.heldGroups()).isLessThanOrEqualTo(200);
        assertThat(reads[0]).isLessThanOrEqualTo(KAnonymity.LEVELS);
        assertThat(plan.level(subject("s000001", "male", List.of(1, 2)))).isGreaterThanOrEqualTo(0);
        assertThat(plan.level(subject("z-alone", "other", List.of()))).isEqualTo(-1);
    }
}
