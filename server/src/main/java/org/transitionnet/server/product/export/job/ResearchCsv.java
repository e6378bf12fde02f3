package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CSV form of research records: one header line, then one line per record, the same fields as
 * the NDJSON form flattened (several codes joined with {@code ;}, a coding as {@code system|code}).
 * Fields are quoted per RFC 4180.
 */
public final class ResearchCsv {

    private record Column(String name, Function<JsonNode, String> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("subjectPseudonym", r -> text(r.path("subjectPseudonym"))),
            new Column("ageBand", r -> text(r.path("ageBand"))),
            new Column("sex", r -> text(r.path("sex"))),
            new Column("actionClass", r -> codes(r.path("action").path("class"))),
            new Column("actionCode", r -> codings(r.path("action").path("code"))),
            new Column("doseValue", r -> text(r.path("action").path("dose").path("value"))),
            new Column("doseUnit", r -> text(r.path("action").path("dose").path("unit"))),
            new Column("frequencyPerDay", r -> text(r.path("action").path("frequency"))),
            new Column("route", r -> text(r.path("action").path("route").path("code"))),
            new Column("durationDays", r -> text(r.path("action").path("durationDays"))),
            new Column("stateVariable", r -> text(r.path("stateVariable").path("code"))),
            new Column("unit", r -> text(r.path("delta").path("code"))),
            new Column(
                    "baselineValue", r -> text(r.path("baseline").path("value").path("value"))),
            new Column("baselineDayOffset", r -> text(r.path("baseline").path("dayOffset"))),
            new Column(
                    "followUpValue", r -> text(r.path("followUp").path("value").path("value"))),
            new Column("followUpDayOffset", r -> text(r.path("followUp").path("dayOffset"))),
            new Column("delta", r -> text(r.path("delta").path("value"))),
            new Column("relativeChange", r -> text(r.path("relativeChange"))),
            new Column("direction", r -> text(r.path("direction"))),
            new Column("intervalDays", r -> text(r.path("intervalDays"))),
            new Column("confidence", r -> text(r.path("confidence"))),
            new Column("coInterventionClass", r -> codes(r.path("coInterventionClass"))),
            new Column("adverseEventClass", r -> {
                List<String> all = new ArrayList<>();
                r.path("adverseEventClass").forEach(c -> all.add(codings(c.path("coding"))));
                return String.join(";", all);
            }),
            // "true" when l-diversity suppressed the adverse-event field (then adverseEventClass is empty, not "none").
            new Column("adverseEventSuppressed", r -> text(r.path("adverseEventSuppressed"))),
            new Column("mappingVersion", r -> text(r.path("mappingVersion"))),
            new Column("observationalDataStatement", r -> text(r.path("observationalDataStatement"))));

    private ResearchCsv() {}

    public static String header() {
        return String.join(",", COLUMNS.stream().map(Column::name).toList());
    }

    public static String line(JsonNode record) {
        List<String> fields = new ArrayList<>();
        for (Column c : COLUMNS) {
            fields.add(quote(c.value().apply(record)));
        }
        return String.join(",", fields);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    private static String codes(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(c -> out.add(c.path("code").asText()));
        return String.join(";", out);
    }

    private static String codings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(c -> out.add((c.has("system") ? c.path("system").asText() + "|" : "")
                + c.path("code").asText()));
        return String.join(";", out);
    }

    static String quote(String value) {
        if (value.isEmpty()) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
