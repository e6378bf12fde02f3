package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;

/**
 * The CSV form of a task's released records: the fields of the NDJSON form
 * ({@link DatasetRecordJson#released}) flattened under their JSON paths as column names, with a header
 * fixed by the task alone (one value and one day-offset column per baseline input, present or not), so
 * every file of a task has the same columns whatever its records hold. Label columns exist only in
 * files whose labels are released. Several classes are joined with {@code ;}; an absent value is an
 * empty field; fields are quoted per RFC 4180 and lines end with CRLF.
 */
final class RecordCsv {

    static final String LINE_END = "\r\n";

    private record Column(String name, String[] path) {}

    private final List<Column> columns = new ArrayList<>();

    RecordCsv(BenchmarkTask task, boolean withLabel) {
        for (String field : List.of(
                "recordId",
                "task",
                "subjectId",
                "split",
                "predictionTime",
                "ageBand",
                "sex",
                "actionClass",
                "coInterventionClass")) {
            add(field);
        }
        for (String field : List.of("variable", "value", "unit", "time", "dayOffset")) {
            add("baseline", field);
        }
        for (InputVariable input : task.baselineInputs()) {
            add("inputs", input.variable(), "value");
            add("inputs", input.variable(), "dayOffset");
        }
        if (withLabel) {
            for (String field :
                    List.of("direction", "change", "followUp", "followUpTime", "followUpDayOffset", "adverseEvent")) {
                add("label", field);
            }
        }
    }

    private void add(String... path) {
        columns.add(new Column(String.join(".", path), path));
    }

    String header() {
        return String.join(",", columns.stream().map(c -> quote(c.name())).toList()) + LINE_END;
    }

    /** One line from a record's released JSON. */
    String line(ObjectNode record) {
        List<String> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            JsonNode n = record;
            for (String step : c.path()) {
                n = n.path(step);
            }
            fields.add(quote(text(n)));
        }
        return String.join(",", fields) + LINE_END;
    }

    private static String text(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(v -> parts.add(v.asText()));
            return String.join(";", parts);
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? n.asText() : n.decimalValue().toPlainString();
        }
        return n.asText();
    }

    /** RFC 4180: a field holding a comma, quote, CR or LF is enclosed in quotes, its quotes doubled. */
    static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
