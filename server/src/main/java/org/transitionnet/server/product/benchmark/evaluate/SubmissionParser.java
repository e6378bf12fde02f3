package org.transitionnet.server.product.benchmark.evaluate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code $evaluate} body:
 * <pre>{"dataset": "ds-…", "task": "…", "split": "tuning|held_out", "model": {"name": "…", "description": "…"},
 *  "predictions": [{"recordId": "…", "direction": {"improved": p, "unchanged": p, "worsened": p},
 *                   "change": x, "changeInterval": [lo, hi], "adverseEvent": p}]}</pre>
 * The array is streamed element by element, so a large submission is never held as one JSON tree. A
 * body that is not such an object is refused here (400); the first record that is incomplete, not
 * finite ({@code NaN} and {@code Infinity} are read so they can be named), has a probability outside
 * [0, 1], direction probabilities that do not add up to 1 (± {@value #SUM_TOLERANCE}), an interval whose
 * lower end is above its upper end, a field not in the schema, or a record id given twice, is kept as the
 * submission's problem for the caller to answer after it has checked the dataset, task and split.
 */
public final class SubmissionParser {

    public static final double SUM_TOLERANCE = 1e-6;
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4000;
    private static final Set<String> TOP_FIELDS = Set.of("dataset", "task", "split", "model", "predictions");
    private static final Set<String> RECORD_FIELDS =
            Set.of("recordId", "direction", "change", "changeInterval", "adverseEvent");
    private static final List<String> DIRECTIONS = Metrics.DIRECTIONS;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SubmissionParser() {}

    /**
     * @param maxPredictions predictions beyond this many are counted, not read
     */
    public static Submission parse(byte[] body, int maxPredictions) {
        if (body == null || body.length == 0) {
            throw SubmissionErrors.badRequest("$evaluate needs a JSON body: " + shape());
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw SubmissionErrors.badRequest("The body must be a JSON object: " + shape());
            }
            Map<String, String> texts = new HashMap<>();
            JsonNode model = null;
            Records records = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!TOP_FIELDS.contains(field)) {
                    throw SubmissionErrors.badRequest("The body has a field '" + SubmissionErrors.shorten(field)
                            + "' that is not one of " + TOP_FIELDS + ": " + shape());
                }
                switch (field) {
                    case "model" -> model = JSON.readTree(p);
                    case "predictions" -> records = records(p, maxPredictions);
                    default -> texts.put(field, text(JSON.readTree(p), field));
                }
            }
            if (p.nextToken() != null) {
                throw SubmissionErrors.badRequest("The body has content after its JSON object");
            }
            for (String field : List.of("dataset", "task", "split")) {
                if (!texts.containsKey(field)) {
                    throw SubmissionErrors.badRequest("The body has no '" + field + "': " + shape());
                }
            }
            if (records == null) {
                throw SubmissionErrors.badRequest("The body has no 'predictions' array: " + shape());
            }
            String[] nameAndDescription = model(model);
            return new Submission(
                    texts.get("dataset"),
                    texts.get("task"),
                    texts.get("split"),
                    nameAndDescription[0],
                    nameAndDescription[1],
                    records.entries,
                    records.count,
                    records.problem);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw SubmissionErrors.badRequest("The body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shape() {
        return "{\"dataset\", \"task\", \"split\", \"model\": {\"name\", \"description\"}, \"predictions\": [{\"recordId\", "
                + "\"direction\": {\"improved\", \"unchanged\", \"worsened\"}, \"change\", \"changeInterval\": [lo, hi], \"adverseEvent\"}]}";
    }

    private static String text(JsonNode value, String field) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw SubmissionErrors.badRequest("'" + field + "' must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static String[] model(JsonNode model) {
        if (model == null || !model.isObject()) {
            throw SubmissionErrors.badRequest("The body needs 'model': {\"name\": \"…\", \"description\": \"…\"}");
        }
        for (Iterator<String> names = model.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("name") && !name.equals("description")) {
                throw SubmissionErrors.badRequest("'model' has a field '" + SubmissionErrors.shorten(name)
                        + "'; it takes 'name' and 'description'");
            }
        }
        String name = text(model.get("name"), "model.name");
        if (name.length() > MAX_NAME) {
            throw SubmissionErrors.badRequest("'model.name' is longer than " + MAX_NAME + " characters");
        }
        JsonNode description = model.get("description");
        if (description == null || description.isNull()) {
            return new String[] {name, null};
        }
        if (!description.isTextual()) {
            throw SubmissionErrors.badRequest("'model.description' must be a string");
        }
        if (description.asText().length() > MAX_DESCRIPTION) {
            throw SubmissionErrors.badRequest("'model.description' is longer than " + MAX_DESCRIPTION + " characters");
        }
        return new String[] {name, description.asText()};
    }

    private static final class Records {
        final List<Submission.Entry> entries = new ArrayList<>();
        int count;
        Submission.RecordProblem problem;
    }

    private static Records records(JsonParser p, int maxPredictions) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw SubmissionErrors.badRequest("'predictions' must be an array");
        }
        Records records = new Records();
        Map<String, Integer> seen = new HashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = records.count++;
            if (records.problem != null || index >= maxPredictions) {
                p.skipChildren();
                continue;
            }
            JsonNode node = JSON.readTree(p);
            String recordId =
                    node != null && node.isObject() && node.path("recordId").isTextual()
                            ? node.get("recordId").asText()
                            : null;
            String problem = problem(node, seen);
            if (problem != null) {
                records.problem = new Submission.RecordProblem(index, recordId, problem);
                continue;
            }
            seen.put(recordId, index);
            records.entries.add(new Submission.Entry(index, recordId, prediction(node)));
        }
        return records;
    }

    /** What is wrong with one prediction, or {@code null}. */
    static String problem(JsonNode n, Map<String, Integer> seen) {
        if (n == null || !n.isObject()) {
            return "a prediction must be a JSON object";
        }
        JsonNode id = n.get("recordId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            return "'recordId' is missing or not a string";
        }
        Integer earlier = seen.get(id.asText());
        if (earlier != null) {
            return "the record already has a prediction at predictions[" + earlier
                    + "]; give one prediction per record";
        }
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RECORD_FIELDS.contains(name)) {
                return "field '" + SubmissionErrors.shorten(name) + "' is not one of " + RECORD_FIELDS;
            }
        }
        JsonNode direction = n.get("direction");
        if (direction == null || !direction.isObject()) {
            return "'direction' must be an object {\"improved\": p, \"unchanged\": p, \"worsened\": p}";
        }
        for (Iterator<String> names = direction.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!DIRECTIONS.contains(name)) {
                return "'direction' has '" + SubmissionErrors.shorten(name) + "'; the directions are " + DIRECTIONS;
            }
        }
        double sum = 0;
        for (String d : DIRECTIONS) {
            String bad = probability(direction.get(d), "direction." + d);
            if (bad != null) {
                return bad;
            }
            sum += direction.get(d).doubleValue();
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            return "the direction probabilities add up to " + sum + ", not 1 (± " + SUM_TOLERANCE + ")";
        }
        String bad = number(n.get("change"), "change");
        if (bad != null) {
            return bad;
        }
        JsonNode interval = n.get("changeInterval");
        if (interval == null || !interval.isArray() || interval.size() != 2) {
            return "'changeInterval' must be an array [lower, upper]";
        }
        bad = number(interval.get(0), "changeInterval[0]");
        if (bad == null) {
            bad = number(interval.get(1), "changeInterval[1]");
        }
        if (bad != null) {
            return bad;
        }
        if (interval.get(0).doubleValue() > interval.get(1).doubleValue()) {
            return "'changeInterval' has its lower end " + interval.get(0).doubleValue() + " above its upper end "
                    + interval.get(1).doubleValue();
        }
        return probability(n.get("adverseEvent"), "adverseEvent");
    }

    private static String number(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return "'" + field + "' is missing";
        }
        if (!value.isNumber()) {
            return "'" + field + "' must be a number";
        }
        if (!Double.isFinite(value.doubleValue())) {
            return "'" + field + "' is " + value.doubleValue() + ", not a finite number";
        }
        return null;
    }

    private static String probability(JsonNode value, String field) {
        String bad = number(value, field);
        if (bad != null) {
            return bad;
        }
        double p = value.doubleValue();
        return p < 0 || p > 1 ? "'" + field + "' is " + p + ", outside [0, 1]" : null;
    }

    private static Prediction prediction(JsonNode n) {
        JsonNode direction = n.get("direction");
        JsonNode interval = n.get("changeInterval");
        return new Prediction(
                direction.get("improved").doubleValue(),
                direction.get("unchanged").doubleValue(),
                direction.get("worsened").doubleValue(),
                n.get("change").doubleValue(),
                interval.get(0).doubleValue(),
                interval.get(1).doubleValue(),
                n.get("adverseEvent").doubleValue());
    }
}
