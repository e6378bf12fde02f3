package org.transitionnet.server.product.benchmark.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.release.deid.ReleasedValues;

/**
 * One de-identified benchmark record: a stored transition seen through one task. Everything here is
 * already de-identified: a keyed record id and subject, times shifted by the subject's date shift, the
 * age as a band. {@link #label()} is what a model predicts; it leaves the server only for train and
 * tuning records. {@code ageYears} is kept only to generalize the band under k-anonymity and is never
 * released.
 *
 * @param recordId       keyed pseudonym of the transition within the task (stable across versions)
 * @param subject        keyed pseudonym of the patient (stable across versions and tasks)
 * @param subjectId      the MEDS {@code subject_id}: a positive keyed number of {@code subject}
 * @param predictionTime the shifted start of the episode: what a model knows is recorded up to here
 * @param actionClasses  the episode's class and its ancestors, most specific first
 * @param baseline       the target variable's baseline
 * @param inputs         other baseline inputs by state variable id; a variable not measured is absent
 * @param sourceKey      server-only key of the source transition within the task (a keyed hash under a benchmark-internal
 *                       key), the same in every version and key family; stored with the label for the held-out limit,
 *                       never released, in no file and not in the content hash; null when not known
 */
public record DatasetRecord(
        String taskId,
        String recordId,
        String subject,
        long subjectId,
        Split split,
        Instant predictionTime,
        String ageBand,
        Integer ageYears,
        String sex,
        List<String> actionClasses,
        List<String> coInterventionClasses,
        Measurement baseline,
        Map<String, Measurement> inputs,
        Label label,
        String sourceKey) {

    /** A record without a source key (read back from released form). */
    public DatasetRecord(
            String taskId,
            String recordId,
            String subject,
            long subjectId,
            Split split,
            Instant predictionTime,
            String ageBand,
            Integer ageYears,
            String sex,
            List<String> actionClasses,
            List<String> coInterventionClasses,
            Measurement baseline,
            Map<String, Measurement> inputs,
            Label label) {
        this(
                taskId,
                recordId,
                subject,
                subjectId,
                split,
                predictionTime,
                ageBand,
                ageYears,
                sex,
                actionClasses,
                coInterventionClasses,
                baseline,
                inputs,
                label,
                null);
    }

    /**
     * A measured value in the variable's canonical unit, at a shifted time.
     *
     * @param dayOffset whole days from the episode start (negative before it)
     */
    public record Measurement(String variable, BigDecimal value, String unit, Instant time, long dayOffset) {}

    /**
     * What happened after the start, as derivation recorded it.
     *
     * @param direction    improved | unchanged | worsened, by the catalogue's minimal meaningful change
     * @param change       follow-up minus baseline, in the canonical unit
     * @param adverseEvent whether a new condition or adverse event the release policy releases was recorded during
     *                     the follow-up (sensitive findings are not adverse events of a release)
     * @param adverseEventSuppressed whether l-diversity suppresses {@code adverseEvent} in every released form of the
     *                     record (its release class would disclose it); {@code adverseEvent} is then kept on the
     *                     server only
     */
    public record Label(
            String direction,
            BigDecimal change,
            BigDecimal followUp,
            Instant followUpTime,
            long followUpDayOffset,
            boolean adverseEvent,
            boolean adverseEventSuppressed) {

        public Label(
                String direction,
                BigDecimal change,
                BigDecimal followUp,
                Instant followUpTime,
                long followUpDayOffset,
                boolean adverseEvent) {
            this(direction, change, followUp, followUpTime, followUpDayOffset, adverseEvent, false);
        }

        /** The adverse event as released: null when suppressed. */
        public Boolean releasedAdverseEvent() {
            return adverseEventSuppressed ? null : adverseEvent;
        }

        public Label withAdverseEventSuppressed() {
            return new Label(direction, change, followUp, followUpTime, followUpDayOffset, adverseEvent, true);
        }
    }

    /**
     * The same record with every value as the release shows it ({@link ReleasedValues}: rounded to the catalogue's
     * release precision and top/bottom-coded), the label's change recomputed from the released values.
     */
    public DatasetRecord withReleasedValues(ReleasedValues values) {
        Map<String, Measurement> releasedInputs = new LinkedHashMap<>();
        inputs.forEach((variable, m) -> releasedInputs.put(variable, released(m, values)));
        Measurement releasedBaseline = released(baseline, values);
        Label releasedLabel = label;
        if (label != null && label.followUp() != null && baseline != null) {
            BigDecimal followUp = values.release(baseline.variable(), label.followUp());
            releasedLabel = new Label(
                    label.direction(),
                    followUp.subtract(releasedBaseline.value()),
                    followUp,
                    label.followUpTime(),
                    label.followUpDayOffset(),
                    label.adverseEvent());
        }
        return new DatasetRecord(
                taskId,
                recordId,
                subject,
                subjectId,
                split,
                predictionTime,
                ageBand,
                ageYears,
                sex,
                actionClasses,
                coInterventionClasses,
                releasedBaseline,
                releasedInputs,
                releasedLabel,
                sourceKey);
    }

    private static Measurement released(Measurement m, ReleasedValues values) {
        return m == null
                ? null
                : new Measurement(
                        m.variable(), values.release(m.variable(), m.value()), m.unit(), m.time(), m.dayOffset());
    }

    /** The same record with its age band replaced (k-anonymity generalization) and the sex kept or withheld. */
    public DatasetRecord generalized(String band, String releasedSex) {
        return new DatasetRecord(
                taskId,
                recordId,
                subject,
                subjectId,
                split,
                predictionTime,
                band,
                ageYears,
                releasedSex,
                actionClasses,
                coInterventionClasses,
                baseline,
                inputs,
                label,
                sourceKey);
    }

    /** The same record with its label's adverse event suppressed (l-diversity). */
    public DatasetRecord withAdverseEventSuppressed() {
        return label == null ? this : withLabel(label.withAdverseEventSuppressed());
    }

    /** The same record with other action classes, co-interventions and inputs (set-valued generalization). */
    public DatasetRecord withItems(
            List<String> releasedClasses,
            List<String> releasedCoInterventions,
            Map<String, Measurement> releasedInputs) {
        return new DatasetRecord(
                taskId,
                recordId,
                subject,
                subjectId,
                split,
                predictionTime,
                ageBand,
                ageYears,
                sex,
                releasedClasses,
                releasedCoInterventions,
                baseline,
                releasedInputs,
                label,
                sourceKey);
    }

    /** The same record with another label. */
    public DatasetRecord withLabel(Label replacement) {
        return new DatasetRecord(
                taskId,
                recordId,
                subject,
                subjectId,
                split,
                predictionTime,
                ageBand,
                ageYears,
                sex,
                actionClasses,
                coInterventionClasses,
                baseline,
                inputs,
                replacement,
                sourceKey);
    }

    /** The same record with its server-only source key. */
    public DatasetRecord withSourceKey(String key) {
        return new DatasetRecord(
                taskId,
                recordId,
                subject,
                subjectId,
                split,
                predictionTime,
                ageBand,
                ageYears,
                sex,
                actionClasses,
                coInterventionClasses,
                baseline,
                inputs,
                label,
                key);
    }
}
