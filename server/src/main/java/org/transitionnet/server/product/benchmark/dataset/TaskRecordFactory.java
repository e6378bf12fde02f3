package org.transitionnet.server.product.benchmark.dataset;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.derivation.transition.DayOffsets;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;
import org.transitionnet.server.record.facts.ActionFact;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.Generalizer;
import org.transitionnet.server.release.policy.AdverseEventPolicy;

/**
 * Sees one stored transition through one benchmark task: whether it belongs to the task (its target
 * variable, one of its action classes, a follow-up inside its window) and, if so, the de-identified
 * record a model is given — keyed ids and split, the age band at the episode start, every time shifted
 * by the subject's keyed date shift and released no finer than the de-identification rules allow, the
 * target's baseline and the other baseline inputs from the patient's facts (the latest measurement
 * within the input's {@code daysBefore} before the episode start, never one after it), the co-interventions
 * that had started by then (never a later one), and the label.
 * Nothing is derived again: the transition as stored is the source of every value.
 */
public class TaskRecordFactory {

    private final DeidEngine deid;
    private final SubjectKeys keys;
    private final MappingCatalogue catalog;
    private final AdverseEventPolicy adverseEvents;
    private SourceKeys sources;

    /**
     * @param deid an engine under the version family's key ({@link DatasetFamilies}), so shifts are the same in every version of the family
     * @param keys the benchmark's keyed ids under the same key, and the family-independent split
     */
    public TaskRecordFactory(DeidEngine deid, SubjectKeys keys, MappingCatalogue catalog) {
        this(deid, keys, catalog, AdverseEventPolicy.defaults(catalog));
    }

    /** @param adverseEvents what the label may count as an adverse event (sensitive findings are not) */
    public TaskRecordFactory(
            DeidEngine deid, SubjectKeys keys, MappingCatalogue catalog, AdverseEventPolicy adverseEvents) {
        this.deid = deid;
        this.keys = keys;
        this.catalog = catalog;
        this.adverseEvents = adverseEvents;
    }

    /** Gives every record its server-only source key (for the held-out limit); without it records have none. */
    public TaskRecordFactory withSourceKeys(SourceKeys sourceKeys) {
        this.sources = sourceKeys;
        return this;
    }

    /** The transition's records, one per task it belongs to, in the tasks' order. */
    public List<DatasetRecord> records(
            List<BenchmarkTask> tasks, StoredTransition t, PatientFacts facts, Patient patient) {
        List<DatasetRecord> out = new ArrayList<>();
        for (BenchmarkTask task : tasks) {
            record(task, t, facts, patient).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The transition's record in the task, or nothing when it does not belong to the task.
     *
     * @throws IllegalStateException when the facts no longer hold the episode's anchor (the patient needs re-deriving)
     */
    public Optional<DatasetRecord> record(BenchmarkTask task, StoredTransition t, PatientFacts facts, Patient patient) {
        if (!task.targetVariable().equals(t.stateVariable().getCode())
                || task.actionClasses().stream().noneMatch(t::hasActionClass)) {
            return Optional.empty();
        }
        Instant start = episodeStart(t, facts);
        if (t.baselineTime().isAfter(start)) {
            // Derivation takes the baseline at or before the start; a record whose baseline came later would give a
            // model the future.
            return Optional.empty();
        }
        long followUpDays = DayOffsets.between(start, t.followUpTime());
        if (!task.inFollowUpWindow(followUpDays)) {
            return Optional.empty();
        }
        String patientId = t.patientId();
        int shift = deid.dates().shiftDays(patientId);
        String subject = keys.subject(patientId);
        Integer age = age(patient, start);
        String sex = patient.hasGender() ? patient.getGender().toCode() : null;
        StateVariable target = catalog.stateVariable(task.targetVariable())
                .orElseThrow(() -> new IllegalStateException(
                        "state variable " + task.targetVariable() + " is not in the catalogue"));
        DatasetRecord.Measurement baseline = new DatasetRecord.Measurement(
                target.id(),
                t.baseline(),
                target.canonicalUnit(),
                released(t.baselineTime(), shift),
                DayOffsets.between(start, t.baselineTime()));
        Map<String, DatasetRecord.Measurement> inputs = new LinkedHashMap<>();
        for (InputVariable input : task.baselineInputs()) {
            latestBefore(facts, input, start)
                    .ifPresent(m -> inputs.put(
                            input.variable(),
                            new DatasetRecord.Measurement(
                                    input.variable(),
                                    m.value(),
                                    m.variable().canonicalUnit(),
                                    released(m.time(), shift),
                                    DayOffsets.between(start, m.time()))));
        }
        DatasetRecord.Label label = new DatasetRecord.Label(
                t.direction(),
                t.delta(),
                t.followUp(),
                released(t.followUpTime(), shift),
                followUpDays,
                !adverseEvents.released(t.adverseEventCodes()).isEmpty());
        List<String> classes = t.actionClasses().stream().map(Coding::getCode).toList();
        List<String> coInterventions = knownCoInterventions(t, facts, start);
        return Optional.of(new DatasetRecord(
                task.id(),
                keys.recordId(task.id(), t.id()),
                subject,
                keys.subjectId(subject),
                keys.split(patientId),
                released(start, shift),
                age == null ? "unknown" : Generalizer.ageBand(age),
                age,
                sex,
                classes,
                coInterventions,
                baseline,
                inputs,
                label,
                sources == null ? null : sources.sourceKey(task.id(), t.id())));
    }

    /** The episode's start: the start of its anchor action fact, as research records take it. */
    static Instant episodeStart(StoredTransition t, PatientFacts facts) {
        return facts.actions().stream()
                .filter(a -> a.source().equals(t.anchor()))
                .map(ActionFact::start)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no action fact for " + t.anchor() + " of transition " + t.id() + "; re-derive the patient"));
    }

    /**
     * The transition's co-intervention classes a model may know at the prediction time: derivation lists
     * every other action in effect between the start and the follow-up, but one that started after the
     * start is the future. A class is kept when an action fact of it (not one of the episode's own
     * sources) had started at or before the start and had not ended before it; without such a fact it is
     * left out.
     */
    static List<String> knownCoInterventions(StoredTransition t, PatientFacts facts, Instant start) {
        List<String> known = new ArrayList<>();
        for (String actionClass : new LinkedHashSet<>(t.coInterventionClasses())) {
            boolean started = facts.actions().stream()
                    .filter(a ->
                            a.actionClass().equals(actionClass) && !t.sources().contains(a.source()))
                    .anyMatch(a -> !a.start().isAfter(start) && inEffectAt(a, start));
            if (started) {
                known.add(actionClass);
            }
        }
        return List.copyOf(known);
    }

    /** Whether the action is in effect at the time, by its assumed end (as derivation assumes it: {@link ActionEpisode#assumedEnd()}). */
    private static boolean inEffectAt(ActionFact a, Instant time) {
        Instant end = new ActionEpisode(
                        null, a.start(), a.end(), a.status(), a.source(), List.of(a.source()), a.dosage())
                .assumedEnd();
        return end == null || !end.isBefore(time);
    }

    /** The latest plausible measurement of the input within its window before the start (the start itself included). */
    private static Optional<StateMeasurement> latestBefore(PatientFacts facts, InputVariable input, Instant start) {
        Instant earliest = start.minus(Duration.ofDays(input.daysBefore()));
        return facts.measurements().stream()
                .filter(m -> m.variable().id().equals(input.variable()))
                .filter(m -> !m.time().isAfter(start) && !m.time().isBefore(earliest))
                .filter(m -> m.variable().isPlausible(m.value()))
                .max(Comparator.comparing(StateMeasurement::time).thenComparing(StateMeasurement::source));
    }

    /** Whole years at the episode start; null when the birth date is missing or after the start. */
    private static Integer age(Patient patient, Instant start) {
        if (!patient.hasBirthDate()) {
            return null;
        }
        LocalDate born =
                patient.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        int years =
                Period.between(born, start.atZone(ZoneOffset.UTC).toLocalDate()).getYears();
        return years < 0 ? null : years;
    }

    /**
     * A real time as released: shifted by the subject's keyed days, then cut to the rules' clinical
     * time precision (by default the day, at midnight UTC), as every de-identified time is.
     */
    Instant released(Instant real, int shiftDays) {
        ZonedDateTime shifted = real.plus(Duration.ofDays(shiftDays)).atZone(ZoneOffset.UTC);
        TemporalPrecisionEnum precision = deid.rules().timePrecision();
        return switch (precision) {
            case YEAR -> shifted.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).toInstant();
            case MONTH -> shifted.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            case DAY -> shifted.truncatedTo(ChronoUnit.DAYS).toInstant();
            case MINUTE -> shifted.truncatedTo(ChronoUnit.MINUTES).toInstant();
            case SECOND -> shifted.truncatedTo(ChronoUnit.SECONDS).toInstant();
            case MILLI -> shifted.truncatedTo(ChronoUnit.MILLIS).toInstant();
        };
    }
}
