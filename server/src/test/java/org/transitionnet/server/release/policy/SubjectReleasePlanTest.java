package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.release.policy.SetValuedAnonymity.Line;
import org.transitionnet.server.release.policy.SubjectReleasePlan.AgedLine;

class SubjectReleasePlanTest {

    /** Two subjects share a demographic group; one loses their only record to k^m, so the other would stand alone. */
    @Test
    void aSubjectLeftWithoutRecordsNoLongerCoversAnotherInTheirDemographicGroup() {
        Map<String, SubjectQuasi> subjects = new LinkedHashMap<>();
        Map<String, List<AgedLine>> lines = new LinkedHashMap<>();
        for (String s : List.of("a1", "a2", "a3")) {
            subjects.put(s, quasi(s, "female", 34));
            lines.put(s, List.of(aged("variable:common", 34)));
        }
        subjects.put("b1", quasi("b1", "male", 71));
        lines.put("b1", List.of(aged("variable:common", 71)));
        subjects.put("b2", quasi("b2", "male", 72));
        lines.put("b2", List.of(aged("variable:rare", 72)));

        SetValuedPolicy m2 = policy(2);
        // Without the joint plan: demographics alone keep b1 with b2 (k=2) at the 70-79 band.
        assertThat(KAnonymity.plan(new ArrayList<>(subjects.values()), 2).level(subjects.get("b1")))
                .isGreaterThanOrEqualTo(0);
        SubjectReleasePlan plan = SubjectReleasePlan.plan(subjects, lines, 2, m2);

        assertThat(plan.level("b2")).isEqualTo(-1);
        // b1 alone in every demographic group that still holds only male subjects: suppressed too, not released alone
        assertThat(plan.level("b1")).isEqualTo(-1);
        assertThat(plan.level("a1")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void subjectsWhoseBundlesAreAllWithheldShowNoPatientFields() {
        Map<String, SubjectQuasi> subjects = new LinkedHashMap<>();
        Map<String, List<AgedLine>> lines = new LinkedHashMap<>();
        Map<String, List<Line>> bundles = new LinkedHashMap<>();
        for (String s : List.of("a1", "a2", "a3", "a4")) {
            subjects.put(
                    s,
                    new SubjectQuasi(s, "female", new TreeSet<>(Set.of(34)), new TreeSet<>(Set.of("gender=female"))));
            lines.put(s, List.of(aged("variable:common", 34), aged("variable:other", 34)));
            bundles.put(s, List.of(new Line(Set.of("variable:common"), Set.of())));
        }
        // a3 and a4 each have a record of a variable no one else has, and it is in their only bundle.
        for (String s : List.of("a3", "a4")) {
            lines.put(s, List.of(aged("variable:common", 34), aged("variable:rare-" + s, 34)));
            bundles.put(s, List.of(new Line(Set.of("variable:rare-" + s), Set.of())));
        }

        SubjectReleasePlan plan = SubjectReleasePlan.plan(subjects, lines, bundles, 2, policy(2));

        assertThat(plan.level("a3")).isGreaterThanOrEqualTo(0);
        assertThat(plan.quasi("a3").patientFields()).isEmpty();
        assertThat(plan.quasi("a4").patientFields()).isEmpty();
        assertThat(plan.quasi("a1").patientFields()).containsExactly("gender=female");
        assertThat(plan.groupSize("a3")).isGreaterThanOrEqualTo(2);
    }

    /** On a random population, what is released meets both k over demographics and k^m over items. */
    @Test
    void everyReleasedSubjectIsCoveredByBothChecks() {
        Random random = new Random(11);
        Map<String, SubjectQuasi> subjects = new LinkedHashMap<>();
        Map<String, List<AgedLine>> lines = new LinkedHashMap<>();
        String[] variables = {"variable:v1", "variable:v2", "variable:v3", "variable:v4", "variable:v5"};
        for (int i = 0; i < 80; i++) {
            String s = "s" + i;
            int age = 20 + random.nextInt(70);
            subjects.put(s, quasi(s, random.nextBoolean() ? "female" : "male", age));
            List<AgedLine> l = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(4); r++) {
                l.add(aged(variables[random.nextInt(random.nextInt(5) + 1)], age));
            }
            lines.put(s, l);
        }
        int k = 4;
        SubjectReleasePlan plan = SubjectReleasePlan.plan(subjects, lines, k, policy(2));

        Map<String, Integer> groups = new HashMap<>();
        Map<String, SortedSet<String>> items = new HashMap<>();
        for (String s : subjects.keySet()) {
            int level = plan.level(s);
            if (level < 0) {
                continue;
            }
            groups.merge(level + "#" + plan.quasi(s).groupAt(level), 1, Integer::sum);
            SortedSet<String> shown = new TreeSet<>();
            int count = 0;
            for (AgedLine l : lines.get(s)) {
                if (plan.items().released(s, l.line())) {
                    count++;
                    shown.addAll(l.line().required());
                }
            }
            assertThat(count).isPositive();
            shown.add("records:" + count);
            items.put(s, shown);
        }
        assertThat(groups).isNotEmpty();
        // Released subjects share their released demographic group with at least k-1 others (by what they show).
        Map<String, Integer> shownGroups = new HashMap<>();
        for (String s : items.keySet()) {
            int level = plan.level(s);
            shownGroups.merge(plan.quasi(s).groupAt(level), 1, Integer::sum);
        }
        assertThat(shownGroups.values()).allMatch(n -> n >= k);
        Map<String, Integer> support = new HashMap<>();
        for (SortedSet<String> shown : items.values()) {
            List<String> list = new ArrayList<>(shown);
            for (int i = 0; i < list.size(); i++) {
                support.merge(list.get(i), 1, Integer::sum);
                for (int j = i + 1; j < list.size(); j++) {
                    support.merge(list.get(i) + "+" + list.get(j), 1, Integer::sum);
                }
            }
        }
        assertThat(support.values()).allMatch(n -> n >= k);
    }

    private static SetValuedPolicy policy(int m) {
        return SetValuedPolicy.withoutHierarchy(m);
    }

    private static SubjectQuasi quasi(String subject, String sex, int age) {
        return new SubjectQuasi(subject, sex, new TreeSet<>(Set.of(age)), null);
    }

    private static int keys;

    private static AgedLine aged(String item, int age) {
        return new AgedLine(new Line("r" + keys++, Set.of(item), Set.of()), age);
    }
}
