package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.benchmark.task.TaskCatalogLoader;
import org.transitionnet.server.record.facts.ActionFact;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.release.deid.DateShifter;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidKey;
import org.transitionnet.server.release.deid.DeidRuleSet;
import org.transitionnet.server.release.deid.DeidTestKeys;
import org.transitionnet.server.release.deid.Pseudonymizer;

/** Records of hand-made transitions and facts: which transitions a task takes, inputs and their windows, labels, and only shifted times. */
class TaskRecordFactoryTest {

    private static final String PATIENT = "p-1001";
    private static final String ANCHOR = "MedicationRequest/m1";
    /** The episode start, with a time of day: released times must lose it. */
    private static final Instant START = Instant.parse("2019-03-14T09:41:17Z");

    private static final LocalDate BORN = LocalDate.parse("1961-07-02");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static MappingCatalogue catalog;
    private static BenchmarkTask hba1c;
    private static BenchmarkTask statin;
    private static DeidEngine engine;
    private static SubjectKeys keys;
    private static org.transitionnet.server.product.benchmark.task.SplitRule splitRule;
    private static TaskRecordFactory factory;

    @BeforeAll
    static void setUp() throws Exception {
        catalog = new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
        TaskCatalog tasks = new TaskCatalogLoader(catalog).load("classpath:transitionnet/benchmarks/tasks/");
        hba1c = tasks.task("glucose-lowering-hba1c").orElseThrow();
        statin = tasks.task("statin-ldl").orElseThrow();
        DeidRuleSet rules;
        try (InputStream in = new DefaultResourceLoader()
                .getResource("classpath:deid/default-rules.yaml")
                .getInputStream()) {
            rules = DeidRuleSet.read(in);
        }
        engine = new DeidEngine(
                FhirContext.forR4Cached(),
                rules,
                DeidKey.of(DeidTestKeys.KEY_A),
                365,
                LocalDate.parse("2030-06-15"),
                DeidTestKeys.RELEASE);
        keys = new SubjectKeys(
                engine.pseudonyms(), new Pseudonymizer(DeidKey.of(DeidTestKeys.KEY_A)), tasks.splitRule());
        splitRule = tasks.splitRule();
        factory = new TaskRecordFactory(engine, keys, catalog);
    }

    @Test
    void aQualifyingTransitionBecomesAKeyedShiftedRecordWithItsLabel() {
        // Acute bronchitis: a clinical adverse event of the catalogue.
        StoredTransition t = transition(
                "tr-1",
                "hba1c",
                90,
                List.of(new CodeableConcept(new Coding("http://snomed.info/sct", "10509002", null))));
        PatientFacts facts = facts(
                measurement("bmi", START.minus(Duration.ofDays(30)), "31.2"),
                measurement("egfr", START.minus(Duration.ofDays(200)), "74"));

        DatasetRecord r = factory.record(hba1c, t, facts, patient()).orElseThrow();

        int shift = engine.dates().shiftDays(PATIENT);
        assertThat(shift).isNotZero();
        String subject = keys.subject(PATIENT);
        assertThat(r.taskId()).isEqualTo(hba1c.id());
        assertThat(r.recordId()).isEqualTo(keys.recordId(hba1c.id(), "tr-1")).isNotEqualTo("tr-1");
        assertThat(r.subject()).isEqualTo(subject);
        assertThat(r.subjectId()).isEqualTo(keys.subjectId(subject)).isPositive();
        assertThat(r.split()).isEqualTo(keys.split(PATIENT));
        assertThat(r.predictionTime()).isEqualTo(shiftedDay(START, shift));
        assertThat(r.ageYears()).isEqualTo(57);
        assertThat(r.ageBand()).isEqualTo("50-59");
        assertThat(r.sex()).isEqualTo("female");
        assertThat(r.actionClasses()).containsExactly("metformin", "biguanides", "glucose-lowering");
        assertThat(r.coInterventionClasses()).containsExactly("statins");

        assertThat(r.baseline().variable()).isEqualTo("hba1c");
        assertThat(r.baseline().value()).isEqualByComparingTo("8.4");
        assertThat(r.baseline().unit()).isEqualTo("%");
        assertThat(r.baseline().dayOffset()).isEqualTo(-10);
        assertThat(r.baseline().time()).isEqualTo(shiftedDay(START.minus(Duration.ofDays(10)), shift));
        assertThat(r.inputs()).containsOnlyKeys("bmi", "egfr");
        assertThat(r.inputs().get("bmi").value()).isEqualByComparingTo("31.2");
        assertThat(r.inputs().get("bmi").unit()).isEqualTo("kg/m2");
        assertThat(r.inputs().get("bmi").dayOffset()).isEqualTo(-30);
        assertThat(r.inputs().get("egfr").dayOffset()).isEqualTo(-200);

        DatasetRecord.Label label = r.label();
        assertThat(label.direction()).isEqualTo("improved");
        assertThat(label.change()).isEqualByComparingTo("-1.1");
        assertThat(label.followUp()).isEqualByComparingTo("7.3");
        assertThat(label.followUpDayOffset()).isEqualTo(90);
        assertThat(label.followUpTime()).isEqualTo(shiftedDay(START.plus(Duration.ofDays(90)), shift));
        assertThat(label.adverseEvent()).isTrue();
        assertThat(factory.record(hba1c, transition("tr-2", "hba1c", 90, List.of()), facts, patient())
                        .orElseThrow()
                        .label()
                        .adverseEvent())
                .isFalse();
    }

    @Test
    void aSensitiveFindingOrAnUnclassifiedCodeInTheFollowUpIsNoAdverseEventOfTheLabel() {
        PatientFacts facts = facts();
        for (String code : List.of("706893006", "55680006", "266948004", "314529007", "1")) {
            StoredTransition t = transition(
                    "tr-" + code,
                    "hba1c",
                    90,
                    List.of(new CodeableConcept(new Coding("http://snomed.info/sct", code, null))));
            assertThat(factory.record(hba1c, t, facts, patient())
                            .orElseThrow()
                            .label()
                            .adverseEvent())
                    .as("code %s", code)
                    .isFalse();
        }
        // A policy that lets substance use through counts the overdose.
        TaskRecordFactory lenient = new TaskRecordFactory(
                engine,
                keys,
                catalog,
                new org.transitionnet.server.release.policy.AdverseEventPolicy(
                        catalog, List.of("abuse-and-violence"), false, 2));
        StoredTransition overdose = transition(
                "tr-o",
                "hba1c",
                90,
                List.of(new CodeableConcept(new Coding("http://snomed.info/sct", "55680006", null))));
        assertThat(lenient.record(hba1c, overdose, facts, patient())
                        .orElseThrow()
                        .label()
                        .adverseEvent())
                .isTrue();
    }

    @Test
    void noRealDateOrTimeOfDayAppearsInTheRecord() {
        Instant bmiTime = START.minus(Duration.ofDays(30));
        Instant egfrTime = START.minus(Duration.ofDays(200));
        StoredTransition t = transition("tr-1", "hba1c", 90, List.of());
        DatasetRecord r = factory.record(
                        hba1c,
                        t,
                        facts(measurement("bmi", bmiTime, "31.2"), measurement("egfr", egfrTime, "74")),
                        patient())
                .orElseThrow();
        String json = DatasetRecordJson.staged(r);
        List<Instant> real =
                List.of(START, START.minus(Duration.ofDays(10)), START.plus(Duration.ofDays(90)), bmiTime, egfrTime);
        for (Instant time : real) {
            assertThat(json)
                    .doesNotContain(time.atZone(ZoneOffset.UTC).toLocalDate().toString());
        }
        assertThat(json).doesNotContain(BORN.toString(), PATIENT, "tr-1", ANCHOR, "m1");
        Matcher m = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T[^\"]+)\"").matcher(json);
        int times = 0;
        while (m.find()) {
            assertThat(m.group(1)).as("released at day precision").endsWith("T00:00:00Z");
            times++;
        }
        assertThat(times).as("prediction, baseline, two inputs, follow-up").isEqualTo(5);
        assertThat(DATE.matcher(json).results().count()).isEqualTo(5);
    }

    @Test
    void followUpWindowEdgesAreInclusive() {
        PatientFacts facts = facts();
        assertThat(factory.record(hba1c, transition("tr-59", "hba1c", 59, List.of()), facts, patient()))
                .isEmpty();
        assertThat(factory.record(hba1c, transition("tr-60", "hba1c", 60, List.of()), facts, patient()))
                .isPresent();
        assertThat(factory.record(hba1c, transition("tr-200", "hba1c", 200, List.of()), facts, patient()))
                .isPresent();
        assertThat(factory.record(hba1c, transition("tr-201", "hba1c", 201, List.of()), facts, patient()))
                .isEmpty();
        // Whole days from the episode start: 200 days and 23 hours is still day 200.
        StoredTransition late =
                transition("tr-late", "hba1c", START.plus(Duration.ofDays(200)).plus(Duration.ofHours(23)), List.of());
        assertThat(factory.record(hba1c, late, facts, patient())
                        .orElseThrow()
                        .label()
                        .followUpDayOffset())
                .isEqualTo(200);
    }

    @Test
    void otherTargetsAndOtherInterventionsBelongToOtherTasks() {
        StoredTransition hba1cTransition = transition("tr-1", "hba1c", 90, List.of());
        assertThat(factory.record(statin, hba1cTransition, facts(), patient())).isEmpty();
        StoredTransition ldlOnMetformin = transition("tr-2", "ldl-cholesterol", 90, List.of());
        assertThat(factory.record(statin, ldlOnMetformin, facts(), patient()))
                .as("LDL, but not after a statin")
                .isEmpty();
        assertThat(factory.records(List.of(hba1c, statin), hba1cTransition, facts(), patient()))
                .extracting(DatasetRecord::taskId)
                .containsExactly(hba1c.id());
    }

    @Test
    void missingInputsAreAbsentAndInputsOutsideTheirWindowAreIgnored() {
        Instant dayBefore = START.minus(Duration.ofDays(1));
        PatientFacts facts = facts(
                // After the start: never an input, however close.
                measurement("bmi", START.plus(Duration.ofMinutes(1)), "40"),
                measurement("bmi", START.plus(Duration.ofDays(20)), "41"),
                // The latest one at or before the start wins.
                measurement("bmi", dayBefore, "29.5"),
                measurement("bmi", START.minus(Duration.ofDays(100)), "33"),
                // eGFR one day older than its 365-day window.
                measurement("egfr", START.minus(Duration.ofDays(366)), "80"));
        DatasetRecord r = factory.record(hba1c, transition("tr-1", "hba1c", 90, List.of()), facts, patient())
                .orElseThrow();
        assertThat(r.inputs()).containsOnlyKeys("bmi");
        assertThat(r.inputs().get("bmi").value()).isEqualByComparingTo("29.5");
        assertThat(r.inputs().get("bmi").dayOffset()).isEqualTo(-1);

        PatientFacts edges = facts(
                measurement("bmi", START, "30"),
                measurement("egfr", START.minus(Duration.ofDays(365)), "66"),
                // Implausible values are not used, as derivation does not use them.
                measurement("bmi", START.minus(Duration.ofDays(2)), "500"));
        DatasetRecord atEdges = factory.record(hba1c, transition("tr-1", "hba1c", 90, List.of()), edges, patient())
                .orElseThrow();
        assertThat(atEdges.inputs().get("bmi").value())
                .as("a measurement at the start itself")
                .isEqualByComparingTo("30");
        assertThat(atEdges.inputs().get("bmi").dayOffset()).isZero();
        assertThat(atEdges.inputs().get("egfr").dayOffset())
                .as("exactly daysBefore")
                .isEqualTo(-365);

        DatasetRecord none = factory.record(hba1c, transition("tr-1", "hba1c", 90, List.of()), facts(), patient())
                .orElseThrow();
        assertThat(none.inputs()).isEmpty();
        assertThat(DatasetRecordJson.released(none, false).path("inputs").isEmpty())
                .isTrue();
    }

    @Test
    void unknownBirthDateAndSexAreReleasedAsUnknown() {
        Patient anonymous = new Patient();
        DatasetRecord r = factory.record(hba1c, transition("tr-1", "hba1c", 90, List.of()), facts(), anonymous)
                .orElseThrow();
        assertThat(r.ageBand()).isEqualTo("unknown");
        assertThat(r.ageYears()).isNull();
        assertThat(r.sex()).isNull();
    }

    @Test
    void idsAndSplitsDependOnThePatientAndTheTaskOnly() {
        DatasetRecord a = factory.record(hba1c, transition("tr-1", "hba1c", 90, List.of()), facts(), patient())
                .orElseThrow();
        DatasetRecord b = factory.record(hba1c, transition("tr-3", "hba1c", 120, List.of()), facts(), patient())
                .orElseThrow();
        assertThat(b.subject()).isEqualTo(a.subject());
        assertThat(b.split()).isEqualTo(a.split());
        assertThat(b.recordId()).isNotEqualTo(a.recordId());
        assertThat(keys.recordId(statin.id(), "tr-1")).isNotEqualTo(a.recordId());
        // Over many subjects, all three splits occur.
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            splits.add(keys.split("patient-" + i));
        }
        assertThat(splits).contains(Split.TRAIN, Split.TUNING, Split.HELD_OUT);
    }

    @Test
    void anotherFamilyHasOtherIdsAndShiftsButTheSameSplits() {
        DeidKey benchmark = DeidKey.of(DeidTestKeys.KEY_A).forBenchmark();
        Pseudonymizer splitKeys = new Pseudonymizer(DeidKey.of(DeidTestKeys.KEY_A));
        SubjectKeys a = new SubjectKeys(new Pseudonymizer(benchmark.forBenchmarkFamily("fam-a")), splitKeys, splitRule);
        SubjectKeys b = new SubjectKeys(new Pseudonymizer(benchmark.forBenchmarkFamily("fam-b")), splitKeys, splitRule);
        DateShifter shiftsA = new DateShifter(new Pseudonymizer(benchmark.forBenchmarkFamily("fam-a")), 365);
        DateShifter shiftsB = new DateShifter(new Pseudonymizer(benchmark.forBenchmarkFamily("fam-b")), 365);
        DateShifter export = new DateShifter(new Pseudonymizer(DeidKey.of(DeidTestKeys.KEY_A)), 365);
        int sameShift = 0;
        for (int i = 0; i < 200; i++) {
            String patient = "patient-" + i;
            assertThat(a.split(patient))
                    .as("the split does not depend on the family")
                    .isEqualTo(b.split(patient));
            // It is the split every version made before families had: no subject ever leaves held_out.
            Split before = splitRule.assign(splitKeys.keyedLong(
                    "benchmark-split", splitKeys.pseudonym("benchmark-subject", "Patient/" + patient)));
            assertThat(a.split(patient)).isEqualTo(before);
            assertThat(a.subject(patient)).isNotEqualTo(b.subject(patient));
            assertThat(a.subjectId(a.subject(patient))).isNotEqualTo(b.subjectId(b.subject(patient)));
            assertThat(a.recordId(hba1c.id(), "tr-" + i)).isNotEqualTo(b.recordId(hba1c.id(), "tr-" + i));
            if (shiftsA.shiftDays(patient) == shiftsB.shiftDays(patient)
                    || shiftsA.shiftDays(patient) == export.shiftDays(patient)) {
                sameShift++;
            }
        }
        // Two independent draws from 730 shifts agree by chance about once in 365 (two comparisons each).
        assertThat(sameShift).isLessThan(8);
    }

    @Test
    void coInterventionsAreThoseStartedAtOrBeforeThePredictionTimeOnly() {
        // Derivation lists every action in effect between the start and the follow-up; a model may only know what had
        // started.
        StoredTransition t = new StoredTransition(
                "tr-co",
                PATIENT,
                new Coding(TransitionVocabulary.CS_STATE_VARIABLE, "hba1c", null),
                List.of(actionClass("metformin"), actionClass("biguanides"), actionClass("glucose-lowering")),
                List.of(ANCHOR),
                "Observation/o1",
                START.minus(Duration.ofDays(10)),
                new BigDecimal("8.4"),
                "Observation/o2",
                START.plus(Duration.ofDays(90)),
                new BigDecimal("7.3"),
                new BigDecimal("-1.1"),
                new BigDecimal("-0.131"),
                100,
                "improved",
                new BigDecimal("0.8"),
                List.of("statins", "ace-inhibitors", "sglt2-inhibitors", "insulin"),
                List.of(),
                "1.0.0");
        List<ActionFact> others = List.of(
                // Started a year before and still active: known at the prediction time.
                STATIN_BEFORE,
                // Started at the very start of the episode: known.
                new ActionFact(
                        "MedicationRequest/a1",
                        "ace-inhibitors",
                        START,
                        null,
                        ActionEpisode.Status.ACTIVE,
                        null,
                        List.of()),
                // Started a month after the start: not known then.
                new ActionFact(
                        "MedicationRequest/g1",
                        "sglt2-inhibitors",
                        START.plus(Duration.ofDays(30)),
                        null,
                        ActionEpisode.Status.ACTIVE,
                        null,
                        List.of()),
                // Started on the follow-up day: not known at the start.
                new ActionFact(
                        "MedicationRequest/i1",
                        "insulin",
                        START.plus(Duration.ofDays(90)),
                        null,
                        ActionEpisode.Status.ACTIVE,
                        null,
                        List.of()));

        DatasetRecord r = factory.record(hba1c, t, facts(others), patient()).orElseThrow();

        assertThat(r.coInterventionClasses()).containsExactly("statins", "ace-inhibitors");
        assertThat(factory.record(hba1c, t, facts(List.of()), patient())
                        .orElseThrow()
                        .coInterventionClasses())
                .as("no recorded start: not listed")
                .isEmpty();
    }

    @Test
    void aBaselineAfterThePredictionTimeIsNeverAnInput() {
        StoredTransition atStart = new StoredTransition(
                "tr-b0",
                PATIENT,
                new Coding(TransitionVocabulary.CS_STATE_VARIABLE, "hba1c", null),
                List.of(actionClass("metformin"), actionClass("biguanides"), actionClass("glucose-lowering")),
                List.of(ANCHOR),
                "Observation/o1",
                START,
                new BigDecimal("8.4"),
                "Observation/o2",
                START.plus(Duration.ofDays(90)),
                new BigDecimal("7.3"),
                new BigDecimal("-1.1"),
                new BigDecimal("-0.131"),
                90,
                "improved",
                new BigDecimal("0.8"),
                List.of(),
                List.of(),
                "1.0.0");
        assertThat(factory.record(hba1c, atStart, facts(), patient()))
                .as("a baseline at the start itself")
                .isPresent();
        StoredTransition later = new StoredTransition(
                "tr-b1",
                PATIENT,
                new Coding(TransitionVocabulary.CS_STATE_VARIABLE, "hba1c", null),
                List.of(actionClass("metformin"), actionClass("biguanides"), actionClass("glucose-lowering")),
                List.of(ANCHOR),
                "Observation/o1",
                START.plus(Duration.ofHours(2)),
                new BigDecimal("8.4"),
                "Observation/o2",
                START.plus(Duration.ofDays(90)),
                new BigDecimal("7.3"),
                new BigDecimal("-1.1"),
                new BigDecimal("-0.131"),
                90,
                "improved",
                new BigDecimal("0.8"),
                List.of(),
                List.of(),
                "1.0.0");
        assertThat(factory.record(hba1c, later, facts(), patient())).isEmpty();
    }

    @Test
    void aTransitionWhoseAnchorIsNoLongerAFactNeedsRederiving() {
        PatientFacts withoutAnchor = new PatientFacts(PATIENT, List.of(), List.of(), List.of());
        assertThatThrownBy(() ->
                        factory.record(hba1c, transition("tr-1", "hba1c", 90, List.of()), withoutAnchor, patient()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("re-derive");
    }

    private static Instant shiftedDay(Instant real, int shift) {
        return real.plus(Duration.ofDays(shift)).truncatedTo(ChronoUnit.DAYS);
    }

    private static Patient patient() {
        Patient p = new Patient();
        p.setId(PATIENT);
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDate(Date.from(BORN.atStartOfDay(ZoneOffset.UTC).toInstant()));
        return p;
    }

    private static StoredTransition transition(
            String id, String variable, long followUpDays, List<CodeableConcept> adverseEvents) {
        return transition(id, variable, START.plus(Duration.ofDays(followUpDays)), adverseEvents);
    }

    private static StoredTransition transition(
            String id, String variable, Instant followUpTime, List<CodeableConcept> adverseEvents) {
        List<Coding> classes =
                List.of(actionClass("metformin"), actionClass("biguanides"), actionClass("glucose-lowering"));
        return new StoredTransition(
                id,
                PATIENT,
                new Coding(TransitionVocabulary.CS_STATE_VARIABLE, variable, null),
                classes,
                List.of(ANCHOR),
                "Observation/o1",
                START.minus(Duration.ofDays(10)),
                new BigDecimal("8.4"),
                "Observation/o2",
                followUpTime,
                new BigDecimal("7.3"),
                new BigDecimal("-1.1"),
                new BigDecimal("-0.131"),
                100,
                "improved",
                new BigDecimal("0.8"),
                List.of("statins", "statins"),
                adverseEvents,
                "1.0.0");
    }

    private static Coding actionClass(String id) {
        return new Coding(TransitionVocabulary.CS_ACTION_CLASS, id, null);
    }

    private static PatientFacts facts(StateMeasurement... measurements) {
        return facts(List.of(STATIN_BEFORE), measurements);
    }

    /** A statin prescription that started well before the episode and is still active: a co-intervention known at the start. */
    private static final ActionFact STATIN_BEFORE = new ActionFact(
            "MedicationRequest/s0",
            "statins",
            START.minus(Duration.ofDays(400)),
            null,
            ActionEpisode.Status.ACTIVE,
            null,
            List.of());

    private static PatientFacts facts(List<ActionFact> others, StateMeasurement... measurements) {
        ActionFact anchor =
                new ActionFact(ANCHOR, "metformin", START, null, ActionEpisode.Status.ACTIVE, null, List.of());
        List<ActionFact> actions = new ArrayList<>(List.of(anchor));
        actions.addAll(others);
        return new PatientFacts(PATIENT, List.of(measurements), actions, List.of());
    }

    private static StateMeasurement measurement(String variable, Instant time, String value) {
        return new StateMeasurement(
                catalog.stateVariable(variable).orElseThrow(),
                time,
                new BigDecimal(value),
                "Observation/" + variable + time);
    }
}
