package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.benchmark.task.TaskCatalogLoader;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.release.policy.SetValuedPolicy;

/** k-anonymity across the tasks of a build, the generalization ladder, refusals and the canonical order, on hand-made records. */
class DatasetPublicationTest {

    private static BenchmarkTask hba1c;
    private static BenchmarkTask statin;
    private static BenchmarkTask bp;
    private static org.transitionnet.catalogue.MappingCatalogue catalog;

    @BeforeAll
    static void tasks() {
        catalog = new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
        TaskCatalog tasks = new TaskCatalogLoader(catalog).load("classpath:transitionnet/benchmarks/tasks/");
        hba1c = tasks.task("glucose-lowering-hba1c").orElseThrow();
        statin = tasks.task("statin-ldl").orElseThrow();
        bp = tasks.task("antihypertensive-systolic-bp").orElseThrow();
    }

    @Test
    void groupsOfKKeepTheirBandsSmallerOnesAreWidenedThenStrippedThenSuppressedEverywhere() {
        List<DatasetRecord> records = new ArrayList<>();
        // Three women in their fifties: a group of k=3 as they are.
        for (int i = 0; i < 3; i++) {
            records.add(record(hba1c, "w5" + i, 50 + i, "female", Split.HELD_OUT));
        }
        // Two men of 41 and one of 55: 40-59 in 20-year bands gives a group of three.
        records.add(record(hba1c, "m41a", 41, "male", Split.HELD_OUT));
        records.add(record(hba1c, "m41b", 41, "male", Split.TRAIN));
        records.add(record(hba1c, "m55", 55, "male", Split.HELD_OUT));
        // Three more men, 15, 75, 88: alone even in 20-year bands; the men of 40-59 are decided at the finer step, so
        // these
        // three share "male, no band" among themselves.
        records.add(record(hba1c, "m15", 15, "male", Split.TRAIN));
        records.add(record(hba1c, "m75", 75, "male", Split.TUNING));
        records.add(record(hba1c, "m88", 88, "male", Split.TRAIN));
        // One subject of unknown sex: no group of three at any level, suppressed from every task.
        records.add(record(hba1c, "x", 30, null, Split.TRAIN));
        records.add(record(statin, "x", 31, null, Split.TRAIN));

        DatasetPublication.Result result = DatasetPublication.publish(records, List.of(hba1c, statin), 3, 1);

        Map<String, String> bands = new HashMap<>();
        result.records().forEach(r -> bands.put(r.subject(), r.ageBand()));
        assertThat(bands).containsEntry("w50", "50-59").containsEntry("w52", "50-59");
        assertThat(bands).containsEntry("m41a", "40-59").containsEntry("m55", "40-59");
        assertThat(bands).containsEntry("m15", "any").containsEntry("m88", "any");
        assertThat(bands).doesNotContainKey("x");
        assertThat(result.subjectsSuppressed()).isEqualTo(1);
        // Counted over the published tasks: the statin task, refused, releases nothing to suppress.
        assertThat(result.recordsSuppressed()).isEqualTo(1);
        assertThat(result.recordsGeneralized()).isEqualTo(6);
        assertThat(result.tasks()).containsExactly(hba1c);
        assertThat(result.refusals()).containsOnlyKeys(statin.id());
        assertThat(result.refusals().get(statin.id())).contains("suppressed by k-anonymity");
        assertKAnonymous(result.records(), 3);
    }

    @Test
    void quasiIdentifiersAreCountedOverAllTasksOfASubject() {
        List<DatasetRecord> records = new ArrayList<>();
        // Four women of 52 in one task; one of them also has a record at 61 in another task: her bands {50-59, 60-69}
        // single her out at every step, so she is suppressed from both tasks while the others keep their bands.
        for (int i = 0; i < 4; i++) {
            records.add(record(hba1c, "w" + i, 52, "female", Split.HELD_OUT));
        }
        records.add(record(statin, "w0", 61, "female", Split.HELD_OUT));
        for (int i = 4; i < 7; i++) {
            records.add(record(statin, "w" + i, 45, "female", Split.HELD_OUT));
        }
        DatasetPublication.Result result = DatasetPublication.publish(records, List.of(hba1c, statin), 3, 1);
        assertKAnonymous(result.records(), 3);
        assertThat(result.records())
                .extracting(DatasetRecord::subject)
                .doesNotContain("w0")
                .contains("w1", "w4");
        assertThat(result.records()).extracting(DatasetRecord::ageBand).containsOnly("50-59", "40-49");
        assertThat(result.tasks()).containsExactly(hba1c, statin);
    }

    @Test
    void tasksWithTooFewHeldOutSubjectsOrNoRecordsAreRefusedWithAReason() {
        List<DatasetRecord> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(record(hba1c, "s" + i, 50, "female", i < 2 ? Split.HELD_OUT : Split.TRAIN));
        }
        DatasetPublication.Result strict = DatasetPublication.publish(records, List.of(hba1c, statin, bp), 2, null);
        assertThat(strict.tasks()).isEmpty();
        assertThat(strict.records()).isEmpty();
        assertThat(strict.refusals().get(hba1c.id())).contains("2 held-out subjects", "fewer than the 5");
        assertThat(strict.refusals().get(statin.id())).contains("no stored transition qualifies");
        assertThat(strict.refusals()).containsOnlyKeys(hba1c.id(), statin.id(), bp.id());

        DatasetPublication.Result lenient = DatasetPublication.publish(records, List.of(hba1c), 2, 2);
        assertThat(lenient.tasks()).containsExactly(hba1c);
        assertThat(lenient.refusals()).isEmpty();
        assertThat(lenient.records()).hasSize(6);
    }

    @Test
    void tasksWithTooFewHeldOutRecordsAreRefusedWithAReason() {
        List<DatasetRecord> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(record(hba1c, "s" + i, 50, "female", i < 3 ? Split.HELD_OUT : Split.TRAIN));
        }
        DatasetPublication.Result refused = DatasetPublication.publish(records, List.of(hba1c), 2, 1, t -> 50);
        assertThat(refused.tasks()).isEmpty();
        assertThat(refused.refusals().get(hba1c.id()))
                .contains("too few held-out records: 3", "fewer than the 50", "min-held-out-records");
        assertThat(DatasetPublication.publish(records, List.of(hba1c), 2, 1, t -> 3)
                        .tasks())
                .containsExactly(hba1c);
    }

    @Test
    void aRefusedTaskIsNotReleasedSoTheOthersArePlannedAgainWithoutIt() {
        List<DatasetRecord> records = new ArrayList<>();
        // Two men of 50 in hba1c; one of them also has a statin record at 61, alone in that task (refused). With it
        // they
        // would share only "no band"; without it they share 50-59.
        records.add(record(hba1c, "a", 50, "male", Split.HELD_OUT));
        records.add(record(hba1c, "b", 50, "male", Split.HELD_OUT));
        records.add(record(statin, "a", 61, "male", Split.TRAIN));
        DatasetPublication.Result result = DatasetPublication.publish(records, List.of(hba1c, statin), 2, 2);
        assertThat(result.refusals()).containsOnlyKeys(statin.id());
        assertThat(result.refusals().get(statin.id())).contains("only 1 subjects remain", "k=2");
        assertThat(result.records()).extracting(DatasetRecord::ageBand).containsOnly("50-59");
        assertThat(result.records()).extracting(DatasetRecord::taskId).containsOnly(hba1c.id());
    }

    @Test
    void recordsComeInCanonicalOrder() {
        List<DatasetRecord> records = new ArrayList<>();
        for (int i = 5; i >= 0; i--) {
            records.add(record(i % 2 == 0 ? statin : hba1c, "s" + i, 50, "female", Split.HELD_OUT));
        }
        List<DatasetRecord> out = DatasetPublication.publish(records, List.of(hba1c, statin), 1, 1)
                .records();
        List<DatasetRecord> sorted = new ArrayList<>(out);
        sorted.sort(DatasetPublication.CANONICAL);
        assertThat(out).isEqualTo(sorted);
        assertThat(out.get(0).taskId()).isEqualTo(hba1c.id());
        assertThat(out.get(out.size() - 1).taskId()).isEqualTo(statin.id());
    }

    /** Every combination released about a subject (sex and all age bands across tasks) is shared by at least k subjects. */
    @Test
    void aHeldOutSubjectKeepsOnlyTheFirstEpisodeSoNoLaterRecordCarriesItsFollowUp() {
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        // Held out: the second episode's baseline is the first one's follow-up (day 90).
        DatasetRecord first = episode(
                bp, "held", Split.HELD_OUT, start, start.minusSeconds(86400), start.plusSeconds(86400L * 90), Map.of());
        DatasetRecord second = episode(
                bp,
                "held",
                Split.HELD_OUT,
                start.plusSeconds(86400L * 100),
                start.plusSeconds(86400L * 90),
                start.plusSeconds(86400L * 200),
                Map.of());
        // Another task of the same subject releasing the target inside the kept window as an input is dropped too ...
        DatasetRecord.Measurement systolicInWindow = new DatasetRecord.Measurement(
                bp.targetVariable(), BigDecimal.TEN, bp.changeUnit(), start.plusSeconds(86400L * 30), -2);
        DatasetRecord other = episode(
                hba1c,
                "held",
                Split.HELD_OUT,
                start.plusSeconds(86400L * 32),
                start.plusSeconds(86400L * 31),
                start.plusSeconds(86400L * 120),
                Map.of(bp.targetVariable(), systolicInWindow));
        // ... while train subjects keep every record, labels included.
        DatasetRecord trainFirst = episode(
                bp, "train", Split.TRAIN, start, start.minusSeconds(86400), start.plusSeconds(86400L * 90), Map.of());
        DatasetRecord trainSecond = episode(
                bp,
                "train",
                Split.TRAIN,
                start.plusSeconds(86400L * 100),
                start.plusSeconds(86400L * 90),
                start.plusSeconds(86400L * 200),
                Map.of());

        List<DatasetRecord> kept = HeldOutFollowUps.withoutLeakedLabels(
                List.of(second, first, other, trainFirst, trainSecond), List.of(hba1c, statin, bp));

        assertThat(kept)
                .extracting(DatasetRecord::recordId)
                .containsExactlyInAnyOrder(first.recordId(), trainFirst.recordId(), trainSecond.recordId());
    }

    private static DatasetRecord episode(
            BenchmarkTask task,
            String subject,
            Split split,
            Instant start,
            Instant baselineTime,
            Instant followUp,
            Map<String, DatasetRecord.Measurement> inputs) {
        DatasetRecord.Measurement baseline = new DatasetRecord.Measurement(
                task.targetVariable(), BigDecimal.ONE, task.changeUnit(), baselineTime, -1);
        DatasetRecord.Label label =
                new DatasetRecord.Label("improved", BigDecimal.ONE.negate(), BigDecimal.ZERO, followUp, 90, false);
        return new DatasetRecord(
                task.id(),
                task.id() + "-" + subject + "-" + start,
                subject,
                Math.abs((long) subject.hashCode()) + 1,
                split,
                start,
                "50-59",
                55,
                "female",
                List.of(task.actionClasses().get(0)),
                List.of(),
                baseline,
                inputs,
                label);
    }

    static void assertKAnonymous(List<DatasetRecord> records, int k) {
        Map<Long, String> sexes = new HashMap<>();
        Map<Long, Set<String>> bands = new HashMap<>();
        records.forEach(r -> {
            sexes.put(r.subjectId(), r.sex());
            bands.computeIfAbsent(r.subjectId(), s -> new TreeSet<>()).add(r.ageBand());
        });
        Map<String, Integer> groups = new HashMap<>();
        sexes.forEach((subject, sex) -> groups.merge(sex + "|" + bands.get(subject), 1, Integer::sum));
        groups.forEach((group, size) ->
                assertThat(size).as("subjects released as %s", group).isGreaterThanOrEqualTo(k));
    }

    @Test
    void aClassWhoseReleasedLabelsAllHaveTheSameAdverseEventOutcomeLosesThatField() {
        List<DatasetRecord> records = new ArrayList<>();
        // Women of 50-59: two with an adverse event, one without (two distinct outcomes).
        records.add(withAdverseEvent(record(hba1c, "w1", 51, "female", Split.TRAIN), true));
        records.add(withAdverseEvent(record(hba1c, "w2", 52, "female", Split.TUNING), true));
        records.add(record(hba1c, "w3", 53, "female", Split.TRAIN));
        // Men of 50-59: every released label has an adverse event; the held-out one's label is not released.
        records.add(withAdverseEvent(record(hba1c, "m1", 51, "male", Split.TRAIN), true));
        records.add(withAdverseEvent(record(hba1c, "m2", 52, "male", Split.TRAIN), true));
        records.add(record(hba1c, "m3", 53, "male", Split.HELD_OUT));

        DatasetPublication.Result result =
                DatasetPublication.publish(records, List.of(hba1c), 3, 1, t -> 0, 2, SetValuedPolicy.OFF);

        Map<String, DatasetRecord.Label> labels = new HashMap<>();
        result.records().forEach(r -> labels.put(r.subject(), r.label()));
        assertThat(labels.get("w1").releasedAdverseEvent()).isTrue();
        assertThat(labels.get("w3").releasedAdverseEvent()).isFalse();
        assertThat(labels.get("m1").releasedAdverseEvent()).isNull();
        assertThat(labels.get("m2").releasedAdverseEvent()).isNull();
        // Kept on the server (held-out scoring), never written to a released form.
        assertThat(labels.get("m1").adverseEvent()).isTrue();
        assertThat(DatasetRecordJson.released(
                                result.records().stream()
                                        .filter(r -> r.subject().equals("m1"))
                                        .findFirst()
                                        .orElseThrow(),
                                true)
                        .path("label")
                        .get("adverseEvent")
                        .isNull())
                .isTrue();
        assertThat(labels.get("m3").adverseEventSuppressed())
                .as("held-out labels are never released")
                .isFalse();
        assertThat(result.adverseEventDiversity().classes()).isEqualTo(2);
        assertThat(result.adverseEventDiversity().classesSuppressed()).isEqualTo(1);
        assertThat(result.adverseEventDiversity().subjectsSuppressed()).isEqualTo(2);

        DatasetPublication.Result withoutL = DatasetPublication.publish(records, List.of(hba1c), 3, 1);
        assertThat(withoutL.records())
                .allSatisfy(r -> assertThat(r.label().adverseEventSuppressed()).isFalse());
    }

    private static DatasetRecord withAdverseEvent(DatasetRecord r, boolean adverseEvent) {
        DatasetRecord.Label l = r.label();
        return r.withLabel(new DatasetRecord.Label(
                l.direction(), l.change(), l.followUp(), l.followUpTime(), l.followUpDayOffset(), adverseEvent));
    }

    /**
     * The attack: one subject alone with a drug (a set-valued quasi-identifier k-anonymity over demographics cannot
     * see). Their drug is released as its class where that class is shared by k, their rare co-intervention and an input
     * only they have leave their record, and a drug whose root class stays rare takes its record with it.
     */
    @Test
    void aDrugOnlyOneSubjectReceivedIsGeneralizedAlongTheCatalogue() {
        List<DatasetRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(withClasses(
                    record(hba1c, "met" + i, 51, "female", Split.TRAIN),
                    "metformin",
                    "biguanides",
                    "glucose-lowering"));
        }
        records.add(withClasses(
                record(hba1c, "lispro", 52, "female", Split.TRAIN), "insulin-lispro", "insulins", "glucose-lowering"));
        for (int i = 0; i < 2; i++) {
            records.add(withClasses(
                    record(hba1c, "nph" + i, 53, "female", Split.TRAIN),
                    "insulin-isophane-regular",
                    "insulins",
                    "glucose-lowering"));
        }
        DatasetRecord rare = records.get(0);
        records.set(
                0,
                rare.withItems(
                        rare.actionClasses(), List.of("insulin-lispro"), Map.of("rare-variable", rare.baseline())));

        DatasetPublication.Result off =
                DatasetPublication.publish(records, List.of(hba1c), 3, 0, t -> 0, 1, SetValuedPolicy.OFF);
        DatasetPublication.Result result =
                DatasetPublication.publish(records, List.of(hba1c), 3, 0, t -> 0, 1, SetValuedPolicy.of(catalog, 2));

        assertThat(off.records())
                .filteredOn(r -> r.subject().equals("lispro"))
                .allMatch(r -> r.actionClasses().get(0).equals("insulin-lispro"));
        Map<String, DatasetRecord> bySubject = new HashMap<>();
        result.records().forEach(r -> bySubject.put(r.subject(), r));
        assertThat(bySubject.get("lispro").actionClasses()).containsExactly("insulins", "glucose-lowering");
        assertThat(bySubject.get("nph0").actionClasses()).containsExactly("insulins", "glucose-lowering");
        assertThat(bySubject.get("met1").actionClasses())
                .containsExactly("metformin", "biguanides", "glucose-lowering");
        assertThat(bySubject.get("met0").coInterventionClasses()).isEmpty();
        assertThat(bySubject.get("met0").inputs()).doesNotContainKey("rare-variable");
        assertThat(result.setValued().smallestSupport()).isGreaterThanOrEqualTo(3);
        assertThat(result.setValued().generalizedItems()).contains("action:insulin-lispro");
    }

    private static DatasetRecord withClasses(DatasetRecord r, String... classes) {
        return r.withItems(List.of(classes), r.coInterventionClasses(), r.inputs());
    }

    private static DatasetRecord record(BenchmarkTask task, String subject, Integer age, String sex, Split split) {
        Instant start =
                Instant.parse("2020-01-01T00:00:00Z").plusSeconds(86400L * Math.floorMod(subject.hashCode(), 1000));
        DatasetRecord.Measurement baseline =
                new DatasetRecord.Measurement(task.targetVariable(), BigDecimal.ONE, task.changeUnit(), start, -3);
        DatasetRecord.Label label = new DatasetRecord.Label(
                "improved", BigDecimal.ONE.negate(), BigDecimal.ZERO, start.plusSeconds(86400L * 90), 90, false);
        return new DatasetRecord(
                task.id(),
                task.id() + "-" + subject,
                subject,
                Math.abs((long) subject.hashCode()) + 1,
                split,
                start,
                age == null ? "unknown" : org.transitionnet.server.release.deid.Generalizer.ageBand(age),
                age,
                sex,
                List.of(task.actionClasses().get(0)),
                List.of(),
                baseline,
                Map.of(),
                label);
    }
}
