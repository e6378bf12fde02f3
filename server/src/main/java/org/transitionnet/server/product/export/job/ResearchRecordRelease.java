package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.transitionnet.server.release.deid.DayOffsetCoarsening;
import org.transitionnet.server.release.deid.ReleasedValues;

/**
 * What a staged research record (exact values, exact day offsets) becomes in one release: its baseline and
 * follow-up values as {@link ReleasedValues} shows them (a value too few subjects hold is removed), the delta and
 * relative change recomputed from those (an exact delta would give the exact values back; without both values there
 * is none), its day offsets, interval and duration coarsened as the release's
 * {@link DayOffsetCoarsening} says (and then the confidence score, which follows the intervals, to one decimal). The direction stays as derived: it is a label of the measured change.
 */
final class ResearchRecordRelease {

    private final ReleasedValues values;

    ResearchRecordRelease(ReleasedValues values) {
        this.values = values;
    }

    static String variable(JsonNode record) {
        return record.path("stateVariable").path("code").asText();
    }

    static BigDecimal value(JsonNode record, String measurement) {
        JsonNode v = record.path(measurement).path("value").path("value");
        return v.isNumber() ? v.decimalValue() : null;
    }

    /** @param offsets this record's day-offset windows in this release */
    void apply(ObjectNode record, DayOffsetCoarsening offsets) {
        String variable = variable(record);
        BigDecimal baseline = released(record, "baseline", variable);
        BigDecimal followUp = released(record, "followUp", variable);
        if (record.path("delta").isObject()) {
            if (baseline != null && followUp != null) {
                ((ObjectNode) record.path("delta")).put("value", followUp.subtract(baseline));
            } else {
                ((ObjectNode) record.path("delta")).remove("value");
            }
        }
        if (record.has("relativeChange")) {
            if (baseline == null || followUp == null || baseline.signum() == 0) {
                record.remove("relativeChange");
            } else {
                record.put("relativeChange", followUp.subtract(baseline).divide(baseline, 2, RoundingMode.HALF_UP));
            }
        }
        long baselineDay = coarsen(record, "baseline", offsets);
        long followUpDay = coarsen(record, "followUp", offsets);
        if (record.has("intervalDays")) {
            record.put("intervalDays", followUpDay - baselineDay);
        }
        if (offsets.days() > 1 && record.path("confidence").isNumber()) {
            // The score follows the intervals closely enough to give the exact ones back.
            record.put("confidence", record.path("confidence").decimalValue().setScale(1, RoundingMode.HALF_UP));
        }
        JsonNode action = record.path("action");
        if (action.has("durationDays")) {
            ((ObjectNode) action)
                    .put(
                            "durationDays",
                            offsets.coarsenDuration(action.path("durationDays").asLong()));
        }
    }

    /** The measurement's value as released, written back; a value not released is removed (its unit stays). */
    private BigDecimal released(ObjectNode record, String measurement, String variable) {
        JsonNode quantity = record.path(measurement).path("value");
        BigDecimal released = values.release(variable, value(record, measurement));
        if (quantity.isObject()) {
            if (released == null) {
                ((ObjectNode) quantity).remove("value");
            } else {
                ((ObjectNode) quantity).put("value", released);
            }
        }
        return released;
    }

    private static long coarsen(ObjectNode record, String measurement, DayOffsetCoarsening offsets) {
        JsonNode m = record.path(measurement);
        long released = offsets.coarsen(m.path("dayOffset").asLong());
        if (m.isObject()) {
            ((ObjectNode) m).put("dayOffset", released);
        }
        return released;
    }
}
