package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.Split;

/**
 * The one JSON form of a {@link DatasetRecord}, in two shapes:
 * <ul>
 *   <li>staged: everything, for the build's own staging table (pseudonymous subject and age in years
 *       included, so k-anonymity can group and generalize; the server-only source key, for the labels);</li>
 *   <li>released: what a dataset file or the record table holds: no subject pseudonym, no age in years,
 *       and the label only when asked for (never for held_out).</li>
 * </ul>
 * Reading a released record gives a record without subject, age and label.
 */
public final class DatasetRecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetRecordJson() {}

    public static String staged(DatasetRecord r) {
        ObjectNode node = released(r, true);
        node.put("subject", r.subject());
        if (r.ageYears() != null) {
            node.put("ageYears", r.ageYears());
        }
        if (r.sourceKey() != null) {
            node.put("sourceKey", r.sourceKey());
        }
        return node.toString();
    }

    public static DatasetRecord fromStaged(String json) {
        DatasetRecord r = read(json);
        try {
            JsonNode key = JSON.readTree(json).get("sourceKey");
            return key == null || key.isNull() ? r : r.withSourceKey(key.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dataset record: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param withLabel whether the label is written; callers pass {@code split.labelsReleased()} for
     *                  anything that leaves the server
     */
    public static ObjectNode released(DatasetRecord r, boolean withLabel) {
        ObjectNode node = JSON.createObjectNode();
        node.put("recordId", r.recordId());
        node.put("task", r.taskId());
        node.put("subjectId", r.subjectId());
        node.put("split", r.split().code());
        node.put("predictionTime", r.predictionTime().toString());
        node.put("ageBand", r.ageBand());
        if (r.sex() != null) {
            node.put("sex", r.sex());
        }
        ArrayNode classes = node.putArray("actionClass");
        r.actionClasses().forEach(classes::add);
        ArrayNode co = node.putArray("coInterventionClass");
        r.coInterventionClasses().forEach(co::add);
        node.set("baseline", measurement(r.baseline()));
        ObjectNode inputs = node.putObject("inputs");
        r.inputs().forEach((variable, m) -> inputs.set(variable, measurement(m)));
        if (withLabel && r.label() != null) {
            DatasetRecord.Label l = r.label();
            ObjectNode label = node.putObject("label");
            label.put("direction", l.direction());
            label.put("change", l.change());
            label.put("followUp", l.followUp());
            label.put("followUpTime", l.followUpTime().toString());
            label.put("followUpDayOffset", l.followUpDayOffset());
            // null: suppressed by l-diversity
            label.put("adverseEvent", l.releasedAdverseEvent());
        }
        return node;
    }

    /** A released record read back (no subject pseudonym, no age in years; the label when the JSON has one). */
    public static DatasetRecord fromReleased(String json) {
        return read(json);
    }

    private static DatasetRecord read(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dataset record: " + e.getOriginalMessage(), e);
        }
        Map<String, DatasetRecord.Measurement> inputs = new LinkedHashMap<>();
        n.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), measurement(e.getValue())));
        DatasetRecord.Label label = null;
        if (n.hasNonNull("label")) {
            JsonNode l = n.get("label");
            label = new DatasetRecord.Label(
                    l.get("direction").asText(),
                    l.get("change").decimalValue(),
                    l.get("followUp").decimalValue(),
                    Instant.parse(l.get("followUpTime").asText()),
                    l.get("followUpDayOffset").asLong(),
                    l.hasNonNull("adverseEvent") && l.get("adverseEvent").asBoolean(),
                    !l.hasNonNull("adverseEvent"));
        }
        return new DatasetRecord(
                n.get("task").asText(),
                n.get("recordId").asText(),
                n.hasNonNull("subject") ? n.get("subject").asText() : null,
                n.get("subjectId").asLong(),
                Split.fromCode(n.get("split").asText()).orElseThrow(),
                Instant.parse(n.get("predictionTime").asText()),
                n.get("ageBand").asText(),
                n.hasNonNull("ageYears") ? n.get("ageYears").asInt() : null,
                n.hasNonNull("sex") ? n.get("sex").asText() : null,
                strings(n.path("actionClass")),
                strings(n.path("coInterventionClass")),
                measurement(n.get("baseline")),
                inputs,
                label);
    }

    private static ObjectNode measurement(DatasetRecord.Measurement m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("variable", m.variable());
        node.put("value", m.value());
        node.put("unit", m.unit());
        node.put("time", m.time().toString());
        node.put("dayOffset", m.dayOffset());
        return node;
    }

    private static DatasetRecord.Measurement measurement(JsonNode n) {
        return new DatasetRecord.Measurement(
                n.get("variable").asText(),
                n.get("value").decimalValue(),
                n.get("unit").asText(),
                Instant.parse(n.get("time").asText()),
                n.get("dayOffset").asLong());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
