package org.transitionnet.server.product.benchmark.dataset;

import java.util.List;

/**
 * Where every released field of a dataset version comes from: which part of the stored transition,
 * which fact or Patient element, and which de-identification step it went through. The card shows
 * this table so a reader can judge each field without the server's code.
 */
final class FieldProvenance {

    /**
     * @param field  the field's JSON path in NDJSON (and CSV column name); MEDS columns as {@code meds:<file>.<column>}
     * @param source what it is derived from
     * @param deid   how it was de-identified
     */
    record Field(String field, String source, String deid) {}

    static final List<Field> FIELDS = List.of(
            new Field(
                    "recordId",
                    "The stored transition Observation's id within the task",
                    "keyed HMAC-SHA256 pseudonym (server de-identification key) of task id and transition id; stable across versions"),
            new Field("task", "The task file's id", "none needed"),
            new Field(
                    "subjectId",
                    "The Patient the transition belongs to",
                    "positive 63-bit keyed number of the keyed subject pseudonym; the same in every task and version (MEDS subject_id)"),
            new Field(
                    "split",
                    "Keyed hash of the subject pseudonym, cut by the task's split rule (train, tuning, held_out)",
                    "derived from the keyed pseudonym only; a subject is in one split in every task and version"),
            new Field(
                    "predictionTime",
                    "Start of the episode's anchor action fact (the first MedicationRequest, CarePlan or Procedure of the episode)",
                    "date-shifted by the subject's keyed number of days (the same shift for every time of the subject)"),
            new Field(
                    "ageBand",
                    "Patient.birthDate at the episode start",
                    "generalized to a 10-year band (90+ for ages of 90 and more); coarser or removed where k-anonymity requires; the age in years is never released"),
            new Field("sex", "Patient.gender", "kept; withheld (absent) where k-anonymity requires"),
            new Field(
                    "actionClass",
                    "The transition's action-class extensions: the episode's class and its ancestors in the mapping catalogue's hierarchy, most specific first",
                    "codes of the catalogue only; drug codes, doses and free text are not released"),
            new Field(
                    "coInterventionClass",
                    "The transition's co-intervention extensions: classes of other actions in effect during the transition",
                    "codes of the catalogue only"),
            new Field(
                    "baseline.variable, baseline.unit",
                    "The transition Observation's state variable and the catalogue's canonical unit",
                    "none needed"),
            new Field("baseline.value", "The transition Observation's 'baseline' component (canonical unit)", "kept"),
            new Field(
                    "baseline.time, baseline.dayOffset",
                    "Effective time of the baseline Observation the transition was derived from; whole days from the episode start",
                    "time date-shifted; the day offset is unchanged by the shift"),
            new Field(
                    "inputs.<variable>.*",
                    "The latest state-measurement fact of the variable (projected from source Observations, canonical unit) within the task's daysBefore days before the episode start and not after it",
                    "value kept; time date-shifted; absent when no measurement was recorded in the window"),
            new Field(
                    "label.direction",
                    "The transition Observation's 'direction' component: improved, unchanged or worsened by the catalogue's minimal meaningful change and desirable direction",
                    "released for train and tuning only"),
            new Field(
                    "label.change",
                    "The transition Observation's 'delta' component: follow-up minus baseline in the canonical unit",
                    "released for train and tuning only"),
            new Field(
                    "label.followUp",
                    "The transition Observation's 'follow-up' component (canonical unit)",
                    "released for train and tuning only"),
            new Field(
                    "label.followUpTime, label.followUpDayOffset",
                    "Effective time of the follow-up Observation; whole days from the episode start",
                    "time date-shifted; released for train and tuning only"),
            new Field(
                    "label.adverseEvent",
                    "Whether the transition's adverse-event extensions name a new condition or adverse event recorded during the follow-up "
                            + "that the release policy releases: a clinical adverse event of the catalogue's condition classes, never a "
                            + "sensitive finding (substance use, abuse and violence, legal and social, reproductive or mental health, HIV) by default",
                    "released for train and tuning only; null where l-diversity suppressed it (the subject's release class has one outcome)"),
            new Field(
                    "meds:data.code, numeric_value, time",
                    "STATE//, ACTION//, SEX//, AGE_BAND// events built from the fields above",
                    "as the fields they come from; a held-out subject's target measurements in a held-out follow-up window are left out"),
            new Field(
                    "meds:labels.*",
                    "label.direction (categorical_value), label.change (float_value, float32), label.adverseEvent (boolean_value); "
                            + "one file per task, target and split with MEDS's label columns only; record ids in metadata/record_ids.parquet",
                    "train and tuning only; held_out has prediction times only, under held_out/"));

    private FieldProvenance() {}
}
