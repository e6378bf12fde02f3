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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.release.policy.SetValuedAnonymity.Line;

class SetValuedAnonymityTest {

    private static final Map<String, String> PARENTS = Map.of(
            "action:drugA", "action:classX",
            "action:drugB", "action:classX",
            "action:drugC", "action:classX",
            "action:drugD", "action:classY",
            "action:classX", "action:root",
            "action:classY", "action:root");
    private static final UnaryOperator<String> PARENT = PARENTS::get;

    private static int keys;

    private static Line line(String... required) {
        return new Line("r" + keys++, Set.of(required), Set.of());
    }

    @Test
    void aDrugHeldByOneSubjectIsReleasedAsItsClassWhileSharedDrugsStay() {
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        subjects.put("s1", List.of(line("action:drugA", "variable:v1")));
        subjects.put("s2", List.of(line("action:drugB", "variable:v1")));
        subjects.put("s3", List.of(line("action:drugA", "variable:v1")));
        subjects.put("s4", List.of(line("action:drugC", "variable:v1")));

        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 2, 2, PARENT);

        assertThat(plan.released("action:drugB")).isEqualTo("action:classX");
        assertThat(plan.released("action:drugC")).isEqualTo("action:classX");
        assertThat(plan.released("action:drugA")).isEqualTo("action:drugA");
        assertThat(plan.itemsSuppressed()).isZero();
        assertThat(plan.smallestSupport()).isGreaterThanOrEqualTo(2);
        assertThat(plan.released("s1", subjects.get("s1").get(0).asIs())).isTrue();
        assertThat(plan.released("s2", subjects.get("s2").get(0).asIs())).isFalse();
        assertThat(plan.released("s2", subjects.get("s2").get(0))).isTrue();
    }

    @Test
    void anItemWithoutAParentHeldByTooFewSubjectsLosesItsRecords() {
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        subjects.put("s1", List.of(line("action:drugA", "variable:v1"), line("action:drugA", "variable:rare")));
        subjects.put("s2", List.of(line("action:drugA", "variable:v1"), line("action:drugA", "variable:v1")));
        subjects.put("s3", List.of(line("action:drugA", "variable:v1")));
        subjects.put("s4", List.of(line("action:drugA", "variable:v1")));

        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 2, 2, PARENT);

        assertThat(plan.released("s1", subjects.get("s1").get(1))).isFalse();
        assertThat(plan.released("s1", subjects.get("s1").get(0))).isTrue();
        assertThat(plan.itemsSuppressed()).isEqualTo(1);
        assertThat(plan.smallestSupport()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRarePairOfCommonItemsEvensCountsThenLosesTheRarerItem() {
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        subjects.put("s1", List.of(line("variable:a"), line("variable:b")));
        subjects.put("s2", List.of(line("variable:a")));
        subjects.put("s3", List.of(line("variable:b")));
        subjects.put("s4", List.of(line("variable:a")));
        subjects.put("s5", List.of(line("variable:b")));

        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 2, 2, PARENT);

        // s1 alone with two records: one of them is left out; what remains is shared by two subjects at least
        assertThat(subjects.get("s1").stream().filter(l -> plan.released("s1", l)))
                .hasSize(1);
        assertThat(plan.recordsLeftOut()).isEqualTo(1);
        assertThat(plan.smallestSupport()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSubjectWithAnUncommonNumberOfRecordsIsReleasedWithACommonNumber() {
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        for (int s = 0; s < 3; s++) {
            subjects.put(
                    "eight" + s,
                    java.util.stream.IntStream.range(0, 8)
                            .mapToObj(i -> line("variable:a"))
                            .toList());
        }
        subjects.put(
                "eleven",
                java.util.stream.IntStream.range(0, 11)
                        .mapToObj(i -> line("variable:a"))
                        .toList());
        subjects.put(
                "twelve",
                java.util.stream.IntStream.range(0, 12)
                        .mapToObj(i -> line("variable:a"))
                        .toList());

        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 2, 2, PARENT);

        Map<String, Long> released = new HashMap<>();
        subjects.forEach((s, lines) ->
                released.put(s, lines.stream().filter(l -> plan.released(s, l)).count()));
        assertThat(released.values())
                .allMatch(n -> released.values().stream().filter(n::equals).count() >= 2);
        assertThat(released.get("eight0")).isEqualTo(8);
    }

    /** A count in one subject's rare pairing is lowered for that subject, not coarsened for everyone. */
    @Test
    void aRarePairingOfACountLowersThatSubjectsCountOnly() {
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        subjects.put("s1", List.of(line("variable:a"), line("variable:a"), line("variable:a")));
        subjects.put("s2", List.of(line("variable:a"), line("variable:a"), line("variable:a")));
        subjects.put("s3", List.of(line("variable:a"), line("variable:a"), line("variable:b")));
        subjects.put("s4", List.of(line("variable:b")));
        subjects.put("s5", List.of(line("variable:b")));

        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 2, 2, PARENT);

        for (String untouched : List.of("s1", "s2", "s4", "s5")) {
            assertThat(subjects.get(untouched)).allMatch(l -> plan.released(untouched, l));
        }
        assertThat(subjects.get("s3").stream()
                        .filter(l -> plan.released("s3", l))
                        .count())
                .isLessThan(3);
        assertThat(plan.smallestSupport()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRareCoInterventionLeavesTheRecordNotTheRecordItsSubject() {
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        subjects.put("s1", List.of(new Line(Set.of("variable:a"), Set.of("action:drugD"))));
        subjects.put("s2", List.of(line("variable:a")));

        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 2, 2, PARENT);

        assertThat(plan.released("s1", subjects.get("s1").get(0))).isTrue();
        assertThat(plan.optionalReleased("s1", "action:drugD")).isFalse();
    }

    @Test
    void mZeroChecksNothing() {
        Map<String, List<Line>> subjects = Map.of("s1", List.of(line("variable:a")));
        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, 5, 0, PARENT);
        assertThat(plan.released("s1", subjects.get("s1").get(0))).isTrue();
        assertThat(plan.smallestSupport()).isEqualTo(1);
    }

    /**
     * The attack: from what a random population's release shows, every combination of up to m items one subject holds
     * is held by at least k subjects (recomputed here, not read from the plan).
     */
    @Test
    void noCombinationOfUpToMReleasedItemsSinglesOutASubject() {
        Random random = new Random(7);
        String[] drugs = {"action:drugA", "action:drugB", "action:drugC", "action:drugD"};
        String[] variables = {"variable:v1", "variable:v2", "variable:v3", "variable:rare"};
        Map<String, List<Line>> subjects = new LinkedHashMap<>();
        for (int s = 0; s < 60; s++) {
            List<Line> lines = new ArrayList<>();
            int n = 1 + random.nextInt(random.nextInt(10) + 1);
            for (int i = 0; i < n; i++) {
                String variable = random.nextInt(50) == 0 ? variables[3] : variables[random.nextInt(3)];
                Set<String> co = random.nextInt(5) == 0 ? Set.of(drugs[random.nextInt(4)]) : Set.of();
                lines.add(new Line(
                        "s" + s + "r" + i, Set.of(drugs[random.nextInt(random.nextInt(4) + 1)], variable), co));
            }
            subjects.put("s" + s, lines);
        }
        int k = 5;
        SetValuedAnonymity.Plan plan = SetValuedAnonymity.plan(subjects, k, 2, PARENT);

        Map<String, SortedSet<String>> shown = new HashMap<>();
        subjects.forEach((subject, lines) -> {
            SortedSet<String> items = new TreeSet<>();
            int count = 0;
            for (Line l : lines) {
                if (plan.released(subject, l)) {
                    count++;
                    l.required().forEach(i -> items.add(plan.released(i)));
                    l.optional().stream()
                            .filter(i -> plan.optionalReleased(subject, i))
                            .forEach(i -> items.add(plan.released(i)));
                }
            }
            if (count > 0) {
                items.add("records:" + count);
                shown.put(subject, items);
            }
        });
        Map<String, Integer> support = new HashMap<>();
        for (SortedSet<String> items : shown.values()) {
            List<String> list = new ArrayList<>(items);
            for (int i = 0; i < list.size(); i++) {
                support.merge(list.get(i), 1, Integer::sum);
                for (int j = i + 1; j < list.size(); j++) {
                    support.merge(list.get(i) + "+" + list.get(j), 1, Integer::sum);
                }
            }
        }
        assertThat(shown).hasSizeGreaterThan(40);
        assertThat(support.values()).allMatch(n -> n >= k);
        assertThat(plan.smallestSupport()).isGreaterThanOrEqualTo(k);
    }
}
