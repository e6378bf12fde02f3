package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Distinct l-diversity of the adverse-event outcome within the k-anonymity classes. */
class LDiversityTest {

    private static SubjectQuasi subject(String id, String sex, int age) {
        return new SubjectQuasi(id, sex, new TreeSet<>(List.of(age)), null);
    }

    @Test
    void aClassWhoseSubjectsShareOneOutcomeLosesItAndOneWithTwoKeepsIt() {
        List<SubjectQuasi> subjects = List.of(
                subject("w1", "female", 51),
                subject("w2", "female", 52),
                subject("w3", "female", 53),
                subject("m1", "male", 51),
                subject("m2", "male", 52),
                subject("m3", "male", 53),
                subject("m4", "male", 54));
        Map<String, String> outcomes = Map.of(
                "w1",
                "yes",
                "w2",
                "no",
                "w3",
                "no",
                // m4 has no released outcome: he does not count
                "m1",
                "no",
                "m2",
                "no",
                "m3",
                "no");
        KAnonymity.Plan k = KAnonymity.plan(subjects, 3);
        LDiversity.Plan l = LDiversity.plan(action -> subjects.forEach(action), k, outcomes::get, 2);

        // m4 releases no outcome; his class's field is suppressed all the same.
        assertThat(subjects.stream().filter(l::released).map(SubjectQuasi::subject))
                .containsExactly("w1", "w2", "w3");
        assertThat(l.classes()).isEqualTo(2);
        assertThat(l.classesSuppressed()).isEqualTo(1);
        assertThat(l.subjectsSuppressed()).isEqualTo(3);
        assertThat(l.smallestReleasedL()).isEqualTo(2);

        LDiversity.Plan none = LDiversity.plan(action -> subjects.forEach(action), k, outcomes::get, 1);
        assertThat(subjects).allMatch(none::released);
        assertThat(none.classesSuppressed()).isZero();
    }

    @Test
    void classesAreTheSubjectsReleasedLevelsAndSuppressedSubjectsReleaseNothing() {
        // Alone in their 10-year band, two men share "male, 40-59" at level 3; a lone woman is suppressed.
        List<SubjectQuasi> subjects =
                List.of(subject("m1", "male", 41), subject("m2", "male", 55), subject("w", "female", 30));
        KAnonymity.Plan k = KAnonymity.plan(subjects, 2);
        assertThat(k.level(subjects.get(0))).isEqualTo(3);
        LDiversity.Plan l = LDiversity.plan(
                action -> subjects.forEach(action), k, Map.of("m1", "yes", "m2", "no", "w", "yes")::get, 2);
        assertThat(l.released(subjects.get(0))).isTrue();
        assertThat(l.released(subjects.get(1))).isTrue();
        assertThat(l.classes()).isEqualTo(1);
        assertThat(l.smallestReleasedL()).isEqualTo(2);
    }
}
