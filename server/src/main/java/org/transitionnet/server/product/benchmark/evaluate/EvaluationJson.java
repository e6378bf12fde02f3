package org.transitionnet.server.product.benchmark.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of an {@link Evaluation}: its metrics object and reliability table as answers show
 * them, and the stored text ({@code tn_bench_submission.metrics}) that holds both with the counts.
 */
public final class EvaluationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationJson() {}

    public static ObjectNode metrics(Evaluation e) {
        ObjectNode node = JSON.createObjectNode();
        e.metrics().forEach(node::put);
        return node;
    }

    public static ArrayNode reliability(Evaluation e) {
        ArrayNode bins = JSON.createArrayNode();
        for (ReliabilityBin b : e.reliability()) {
            ObjectNode bin = bins.addObject();
            bin.put("lower", b.lower());
            bin.put("upper", b.upper());
            bin.put("count", b.count());
            bin.put("meanConfidence", b.meanConfidence());
            bin.put("accuracy", b.accuracy());
        }
        return bins;
    }

    /** The stored text: {@code {"metrics":{..},"reliability":[..],"predicted":n,"missing":m}}. */
    public static String stored(Evaluation e) {
        return stored(e, null);
    }

    /** The stored text with the held-out answer, when there is one, under {@code heldOut}. */
    public static String stored(Evaluation e, HeldOutScores heldOut) {
        ObjectNode node = JSON.createObjectNode();
        node.set("metrics", metrics(e));
        node.set("reliability", reliability(e));
        node.put("predicted", e.predicted());
        node.put("missing", e.missing());
        if (heldOut != null) {
            node.set("heldOut", heldOut(heldOut));
        }
        return node.toString();
    }

    /** A held-out answer's stored form: the reported scores and intervals, and how the ladder decided. */
    public static ObjectNode heldOut(HeldOutScores h) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode metrics = node.putObject("metrics");
        h.metrics().forEach(metrics::put);
        node.set("intervals", intervals(h));
        if (h.withheld() != null) {
            node.put("withheld", h.withheld());
        }
        node.put("released", h.released());
        node.put("step", h.step());
        node.put("reportedSubmission", h.reportedSubmission());
        node.put("reportedAt", h.reportedAt() == null ? null : h.reportedAt().toString());
        return node;
    }

    public static ObjectNode intervals(HeldOutScores h) {
        ObjectNode node = JSON.createObjectNode();
        h.intervals().forEach((m, i) -> node.putObject(m).put("low", i.low()).put("high", i.high()));
        return node;
    }

    /** The held-out answer in {@link #stored} text, or null when it has none (tuning, or scored before answers were rounded). */
    public static HeldOutScores heldOutFromStored(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text).get("heldOut");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored scores: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        node.path("metrics")
                .fields()
                .forEachRemaining(f -> metrics.put(f.getKey(), f.getValue().doubleValue()));
        Map<String, HeldOutScores.Interval> intervals = new LinkedHashMap<>();
        node.path("intervals")
                .fields()
                .forEachRemaining(f -> intervals.put(
                        f.getKey(),
                        new HeldOutScores.Interval(
                                f.getValue().path("low").doubleValue(),
                                f.getValue().path("high").doubleValue())));
        JsonNode at = node.get("reportedAt");
        return new HeldOutScores(
                metrics,
                intervals,
                node.hasNonNull("withheld") ? node.get("withheld").asText() : null,
                node.path("released").asBoolean(),
                node.path("step").asDouble(),
                node.hasNonNull("reportedSubmission")
                        ? node.get("reportedSubmission").asText()
                        : null,
                at == null || at.isNull() ? null : java.time.Instant.parse(at.asText()));
    }

    /** Reads {@link #stored} text back; {@code predicted} and {@code missing} come from their own columns. */
    public static Evaluation fromStored(String text, int predicted, int missing) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored scores: " + e.getOriginalMessage(), e);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        node.path("metrics")
                .fields()
                .forEachRemaining(f -> metrics.put(f.getKey(), f.getValue().doubleValue()));
        List<ReliabilityBin> bins = new ArrayList<>();
        for (JsonNode b : node.path("reliability")) {
            bins.add(new ReliabilityBin(
                    b.path("lower").doubleValue(),
                    b.path("upper").doubleValue(),
                    b.path("count").intValue(),
                    number(b.get("meanConfidence")),
                    number(b.get("accuracy"))));
        }
        return new Evaluation(metrics, bins, predicted, missing);
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() ? null : n.doubleValue();
    }
}
