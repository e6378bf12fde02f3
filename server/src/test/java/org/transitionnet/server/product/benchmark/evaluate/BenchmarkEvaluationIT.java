package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.BaselineScorer;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecordJson;
import org.transitionnet.server.product.benchmark.dataset.ScoreSummary;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * $evaluate, $leaderboard and the shipped baselines on small datasets written straight into the benchmark
 * tables (one fresh dataset id per test): exact metric values, malformed submissions refused with the
 * first bad record named and nothing stored, missing predictions counted, held-out answers that carry
 * rounded aggregates only (withheld under 20 records, released through the ladder), the held-out limit per
 * held-out source record (shared by versions holding the same records, also under concurrent submissions)
 * and per client and day, and no held-out label in any answer. Each test submits as a client of its own.
 */
class BenchmarkEvaluationIT extends ServerTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Offset<Double> EXACT = Offset.offset(1e-9);
    private static final String TASK = "glucose-lowering-hba1c";
    private static final List<String> METFORMIN = List.of("metformin", "biguanides", "glucose-lowering");
    /** Held-out follow-up values and changes: none of these strings may appear in any answer. */
    private static final List<String> HELD_OUT_SECRETS =
            List.of("9.1371", "6.5137", "8.2917", "7.6492", "1.3731", "0.6173", "0.0719", "0.7337");

    @Autowired
    private BaselineScorer baselines;

    @Autowired
    private TaskCatalog tasks;

    /** The client of the running test: the held-out limits and the ladder are per client. */
    private String client;

    @org.junit.jupiter.api.BeforeEach
    void newClient() {
        client = "eval-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Record ids of one inserted dataset. */
    private record Dataset(String id, List<String> tuning, List<String> heldOut) {}

    @Test
    void baselinesAreScoredAndListedAndAReRunReplacesThem() throws IOException {
        Dataset ds = dataset();
        BenchmarkTask task = tasks.task(TASK).orElseThrow();
        List<ScoreSummary> summaries = baselines.scoreBaselines(ds.id(), List.of(task));
        assertThat(summaries).hasSize(6);
        assertThat(summaries)
                .extracting(ScoreSummary::modelName)
                .containsOnly(NoChangeBaseline.NAME, ClassMeanBaseline.NAME, RegressionBaseline.NAME);
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.baseline()).isTrue();
            assertThat(s.missing()).isZero();
            assertThat(s.predicted()).isEqualTo(s.split().equals("tuning") ? 3 : 4);
        });
        // No change on tuning: only the unchanged record (t2) is right; MAE (1.0 + 0.2 + 0.8) / 3; Brier (2 + 0 + 2) /
        // 3.
        ScoreSummary noChange = summaries.stream()
                .filter(s ->
                        s.modelName().equals(NoChangeBaseline.NAME) && s.split().equals("tuning"))
                .findFirst()
                .orElseThrow();
        assertThat(noChange.metrics().get(Metrics.DIRECTIONAL_ACCURACY)).isCloseTo(1.0 / 3, EXACT);
        assertThat(noChange.metrics().get(Metrics.MAE)).isCloseTo(2.0 / 3, EXACT);
        assertThat(noChange.metrics().get(Metrics.BRIER)).isCloseTo(4.0 / 3, EXACT);
        assertThat(noChange.metrics().get(Metrics.INTERVAL_COVERAGE)).isCloseTo(0.0, EXACT);

        baselines.scoreBaselines(ds.id(), List.of(task));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_submission WHERE dataset_id = ? AND baseline = TRUE AND client_id = ?",
                        Integer.class,
                        ds.id(),
                        SubmissionStore.BASELINE_CLIENT))
                .isEqualTo(6);

        JsonNode board = leaderboard("?dataset=" + ds.id() + "&task=" + TASK);
        assertThat(board.path("dataset").path("datasetId").asText()).isEqualTo(ds.id());
        JsonNode t = board.path("tasks").get(0);
        assertThat(t.path("task").asText()).isEqualTo(TASK);
        assertThat(t.path("rankedBy").asText()).isEqualTo(Metrics.MAE_SKILL);
        assertThat(t.path("tieBreaks").get(0).asText()).isEqualTo(Metrics.MAE);
        assertThat(t.path("safetyBoundary").asText()).isEqualTo(task.safetyBoundary());
        for (String split : List.of("tuning", "held_out")) {
            JsonNode entries = t.path("splits").path(split);
            assertThat(entries).hasSize(3);
            List<String> names = new ArrayList<>();
            entries.forEach(e -> {
                names.add(e.path("model").path("name").asText());
                assertThat(e.path("baseline").asBoolean()).isTrue();
                assertThat(e.path("client").asText()).isEqualTo(SubmissionStore.BASELINE_CLIENT);
                assertThat(e.path("model").path("description").asText()).isNotBlank();
                if (split.equals("tuning")) {
                    assertThat(e.path("reliability")).hasSize(10);
                    assertThat(e.path("missing").asInt()).isZero();
                } else {
                    // Four held-out records: nothing is computed, and nothing per record or per bin is shown.
                    assertThat(e.has("reliability")).isFalse();
                    assertThat(e.has("predicted")).isFalse();
                    assertThat(e.has("missing")).isFalse();
                    assertThat(e.path("metrics").size()).isZero();
                    assertThat(e.path("heldOutRelease").path("withheld").asText())
                            .contains("4 records", "fewer than the 20");
                }
            });
            assertThat(names)
                    .containsExactlyInAnyOrder(NoChangeBaseline.NAME, ClassMeanBaseline.NAME, RegressionBaseline.NAME);
        }
        assertRanked(t.path("splits").path("tuning"), Metrics.MAE_SKILL, true);
        assertNoHeldOutLabel(board.toString());
    }

    @Test
    void tuningAndHeldOutPredictionsGetExactScoresAndMissingRecordsCount() throws IOException {
        Dataset ds = dataset();
        HttpResponse<String> tuning = evaluate(body(
                ds.id(),
                "tuning",
                "hand-checked",
                List.of(
                        prediction(ds.tuning().get(0), 0.7, 0.2, 0.1, -0.5, -1.5, 0.5, 0.2),
                        prediction(ds.tuning().get(1), 0.2, 0.5, 0.3, 0.0, -0.1, 0.1, 0.6),
                        prediction(ds.tuning().get(2), 0.4, 0.4, 0.2, 0.4, 0.5, 1.0, 0.1))));
        assertThat(tuning.statusCode()).as(tuning.body()).isEqualTo(200);
        assertThat(tuning.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode a = JSON.readTree(tuning.body());
        assertThat(a.path("dataset").asText()).isEqualTo(ds.id());
        assertThat(a.path("task").asText()).isEqualTo(TASK);
        assertThat(a.path("split").asText()).isEqualTo("tuning");
        assertThat(a.path("model").path("name").asText()).isEqualTo("hand-checked");
        assertThat(a.path("predicted").asInt()).isEqualTo(3);
        assertThat(a.path("missing").asInt()).isZero();
        assertThat(a.path("safetyBoundary").asText())
                .isEqualTo(tasks.task(TASK).orElseThrow().safetyBoundary());
        JsonNode m = a.path("metrics");
        assertThat(m.path(Metrics.DIRECTIONAL_ACCURACY).asDouble()).isCloseTo(2.0 / 3, EXACT);
        assertThat(m.path(Metrics.BALANCED_ACCURACY).asDouble()).isCloseTo(2.0 / 3, EXACT);
        assertThat(m.path(Metrics.MAE).asDouble()).isCloseTo(1.1 / 3, EXACT);
        assertThat(m.path(Metrics.INTERVAL_COVERAGE).asDouble()).isCloseTo(2.0 / 3, EXACT);
        assertThat(m.path(Metrics.INTERVAL_WIDTH).asDouble()).isCloseTo(0.9, EXACT);
        assertThat(m.path(Metrics.ECE).asDouble()).isCloseTo(0.4, EXACT);
        assertThat(m.path(Metrics.BRIER).asDouble()).isCloseTo(1.48 / 3, EXACT);
        assertThat(m.path(Metrics.AUROC).asDouble()).isCloseTo(1.0, EXACT);
        assertThat(m.path(Metrics.RECALL).asDouble()).isCloseTo(1.0, EXACT);
        assertThat(a.path("reliability")).hasSize(10);
        assertThat(a.path("reliability").get(7).path("count").asInt()).isEqualTo(1);

        // Stored with who submitted, the model and the scores.
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT client_id, model_name, model_description, baseline, predicted, missing, metrics, split "
                        + "FROM tn_bench_submission WHERE submission_id = ?",
                a.path("submissionId").asText());
        assertThat(row.get("client_id")).isEqualTo(client);
        assertThat(row.get("model_name")).isEqualTo("hand-checked");
        assertThat(row.get("model_description")).isEqualTo("a test model");
        assertThat(row.get("baseline")).isEqualTo(false);
        assertThat(row.get("split")).isEqualTo("tuning");
        assertThat(JSON.readTree((String) row.get("metrics")).path("reliability"))
                .hasSize(10);

        // Held out: four records, fewer than the 20 any held-out score is computed over: the scores are withheld, and
        // the
        // answer carries no counts, no reliability table, nothing per record.
        HttpResponse<String> heldOut = evaluate(body(
                ds.id(),
                "held_out",
                "hand-checked",
                List.of(
                        prediction(ds.heldOut().get(0), 0.6, 0.3, 0.1, -1.0, -2.0, 0.0, 0.7),
                        prediction(ds.heldOut().get(1), 0.1, 0.3, 0.6, 0.5, 0.0, 1.0, 0.2))));
        assertThat(heldOut.statusCode()).as(heldOut.body()).isEqualTo(200);
        JsonNode h = JSON.readTree(heldOut.body());
        assertThat(h.path("metrics").size()).isZero();
        assertThat(h.path("intervals").size()).isZero();
        assertThat(h.has("reliability")).isFalse();
        assertThat(h.has("predicted")).isFalse();
        assertThat(h.has("missing")).isFalse();
        assertThat(h.path("heldOutRelease").path("withheld").asText())
                .contains("withheld", "fewer than the 20", "min-held-out-aggregate");
        assertNoPerRecordContent(h);
        assertNoHeldOutLabel(heldOut.body());
        // The exact scores are stored on the server (never answered).
        JsonNode storedHeldOut = JSON.readTree(jdbc.queryForObject(
                "SELECT metrics FROM tn_bench_submission WHERE submission_id = ?",
                String.class,
                h.path("submissionId").asText()));
        assertThat(storedHeldOut.path("metrics").path(Metrics.AUROC).asDouble()).isCloseTo(0.875, EXACT);

        // Listed on the leaderboard; a second tuning submission of the same model replaces the first entry.
        HttpResponse<String> again = evaluate(body(ds.id(), "tuning", "hand-checked", List.of()));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("missing").asInt()).isEqualTo(3);
        JsonNode board = leaderboard("?dataset=" + ds.id());
        JsonNode splits = board.path("tasks").get(0).path("splits");
        assertThat(splits.path("tuning")).hasSize(1);
        assertThat(splits.path("tuning").get(0).path("submissionId").asText())
                .isEqualTo(JSON.readTree(again.body()).path("submissionId").asText());
        assertThat(splits.path("tuning").get(0).path("baseline").asBoolean()).isFalse();
        assertThat(splits.path("tuning").get(0).path("client").asText()).isEqualTo(client);
        // A held-out scoring that released nothing is not an entry.
        assertThat(splits.path("held_out")).isEmpty();
        assertNoPerRecordContent(board);
        assertNoHeldOutLabel(board.toString());
    }

    @Test
    void malformedSubmissionsNameTheFirstBadRecordAndStoreNothing() throws IOException {
        Dataset ds = dataset();
        String good0 = prediction(ds.heldOut().get(0), 0.6, 0.3, 0.1, -1.0, -2.0, 0.0, 0.7);
        String h1 = ds.heldOut().get(1);
        String h2 = ds.heldOut().get(2);

        assertRefused(
                evaluate(body(ds.id(), "held_out", "m", List.of(good0, prediction(h1, 0.5, 0.3, 0.1, 0, 0, 0, 0.5)))),
                422,
                "predictions[1]",
                h1,
                "add up to 0.9");
        assertRefused(
                evaluate(body(ds.id(), "held_out", "m", List.of(good0, prediction(h1, 1.2, -0.1, -0.1, 0, 0, 0, 0.5)))),
                422,
                "predictions[1]",
                h1,
                "outside [0, 1]");
        assertRefused(
                evaluate(body(ds.id(), "held_out", "m", List.of(good0, prediction(h1, 0.5, 0.3, 0.2, 0, 1, -1, 0.5)))),
                422,
                "predictions[1]",
                h1,
                "lower end 1.0 above its upper end -1.0");
        assertRefused(
                evaluate(body(
                        ds.id(),
                        "held_out",
                        "m",
                        List.of(
                                good0,
                                prediction(h1, 0.5, 0.3, 0.2, 0, 0, 0, 0.5)
                                        .replace("\"change\":0.0", "\"change\":NaN")))),
                422,
                "predictions[1]",
                h1,
                "NaN");
        assertRefused(
                evaluate(body(ds.id(), "held_out", "m", List.of(good0, good0))),
                422,
                "predictions[1]",
                ds.heldOut().get(0),
                "already has a prediction at predictions[0]");
        // An unknown record before a malformed one is named first; a tuning record is unknown in held_out.
        assertRefused(
                evaluate(body(
                        ds.id(),
                        "held_out",
                        "m",
                        List.of(
                                good0,
                                prediction(ds.tuning().get(0), 0.5, 0.3, 0.2, 0, 0, 0, 0.5),
                                prediction(h2, 0.5, 0.3, 0.1, 0, 0, 0, 0.5)))),
                422,
                "predictions[1]",
                ds.tuning().get(0),
                "not a record of the held_out split");
        assertRefused(
                evaluate(body(ds.id(), "held_out", "m", List.of(good0, "{\"recordId\":\"" + h1 + "\"}"))),
                422,
                "predictions[1]",
                h1,
                "'direction' must be an object");

        assertRefused(evaluate(body(ds.id(), "train", "m", List.of())), 400, "train split is not scored");
        assertRefused(evaluate(body(ds.id(), "validation", "m", List.of())), 400, "split 'validation'");
        assertRefused(evaluate(body("ds-no-such-version", "tuning", "m", List.of())), 404, "No ready dataset version");
        assertRefused(
                evaluate(body(ds.id(), "tuning", "m", List.of()).replace(TASK, "statin-ldl")),
                404,
                "has no task 'statin-ldl'");
        assertRefused(evaluate("{\"dataset\":"), 400, "not valid JSON");
        // More predictions than transitionnet.benchmark.max-predictions (200,000 by default): refused before any record
        // is read.
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 200_000; i++) {
            many.append(i == 0 ? "0" : ",0");
        }
        assertRefused(
                evaluate(body(ds.id(), "tuning", "m", List.of(many.toString()))),
                422,
                "200001 predictions",
                "max-predictions");

        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_submission WHERE dataset_id = ?", Integer.class, ds.id()))
                .isZero();
    }

    @Test
    void heldOutScoringIsLimitedPerClientButTuningIsNot() throws IOException {
        Dataset ds = dataset();
        String heldOut = body(
                ds.id(),
                "held_out",
                "probe",
                List.of(prediction(ds.heldOut().get(0), 0.6, 0.3, 0.1, -1.0, -2.0, 0.0, 0.7)));
        for (int i = 0; i < 4; i++) {
            assertThat(evaluate(heldOut).statusCode()).isEqualTo(200);
        }
        // An invalid submission does not use a place.
        HttpResponse<String> invalid = evaluate(heldOut.replace("0.7}", "1.7}"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(evaluate(heldOut).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = evaluate(heldOut);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, Duration.ofDays(1).toSeconds());
        JsonNode outcome = JSON.readTree(refused.body());
        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.path("issue").get(0).path("code").asText()).isEqualTo("throttled");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_submission WHERE dataset_id = ? AND split = 'held_out'",
                        Integer.class,
                        ds.id()))
                .isEqualTo(5);

        for (int i = 0; i < 7; i++) {
            HttpResponse<String> tuning = evaluate(body(ds.id(), "tuning", "probe", List.of()));
            assertThat(tuning.statusCode()).as(tuning.body()).isEqualTo(200);
        }
        // The limit is per held-out record: a version with other held-out records still takes held-out submissions.
        Dataset other = dataset();
        assertThat(evaluate(body(other.id(), "held_out", "probe", List.of())).statusCode())
                .isEqualTo(200);
    }

    /**
     * The quota reset by a new version: two versions holding the same held-out records (as two builds with another
     * k or another task subset do; their record ids differ, their server-only source keys do not) share one count.
     */
    @Test
    void versionsHoldingTheSameHeldOutRecordsShareTheLimit() throws IOException {
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        Dataset first = dataset(shared);
        Dataset second = dataset(shared);
        assertThat(first.heldOut()).doesNotContainAnyElementsOf(second.heldOut());
        for (int i = 0; i < 5; i++) {
            Dataset ds = i % 2 == 0 ? first : second;
            HttpResponse<String> ok = evaluate(body(ds.id(), "held_out", "probe", List.of()));
            assertThat(ok.statusCode()).as("scoring %d: %s", i + 1, ok.body()).isEqualTo(200);
        }
        HttpResponse<String> sixth = evaluate(body(second.id(), "held_out", "probe", List.of()));
        assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(429);
        assertThat(JSON.readTree(sixth.body())
                        .path("issue")
                        .get(0)
                        .path("diagnostics")
                        .asText())
                .contains("each held-out record");
        assertThat(evaluate(body(first.id(), "held_out", "probe", List.of())).statusCode())
                .isEqualTo(429);
        // Another client has its own count.
        client = client + "-other";
        assertThat(evaluate(body(second.id(), "held_out", "probe", List.of())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void heldOutScoringIsCappedPerClientAndDayAcrossVersionsAndTasks() throws IOException {
        for (int v = 0; v < 5; v++) {
            Dataset ds = dataset();
            for (int i = 0; i < 4; i++) {
                assertThat(evaluate(body(ds.id(), "held_out", "probe", List.of()))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        HttpResponse<String> capped = evaluate(body(dataset().id(), "held_out", "probe", List.of()));
        assertThat(capped.statusCode()).as(capped.body()).isEqualTo(429);
        assertThat(capped.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(capped.body())
                        .path("issue")
                        .get(0)
                        .path("diagnostics")
                        .asText())
                .contains("held-out-daily-cap");
        // Tuning is not capped.
        assertThat(evaluate(body(dataset().id(), "tuning", "probe", List.of())).statusCode())
                .isEqualTo(200);
    }

    /**
     * On a held-out split of 25 records: the declared metrics rounded with bootstrap intervals (the same for the same
     * predictions), no reliability table and no counts; a later submission that does not beat the best released
     * primary score by the step reports those scores again, and the leaderboard lists only released scorings.
     */
    @Test
    void heldOutAnswersAreRoundedWithIntervalsAndReleasedThroughTheLadder() throws IOException {
        Dataset ds = dataset(null, 25);
        List<String> good = new ArrayList<>();
        List<String> probe = new ArrayList<>();
        for (int i = 0; i < ds.heldOut().size(); i++) {
            // The fixture's held-out changes are −0.5 × (baseline − 8); this model knows the rule.
            double baseline = 6 + 0.2 * i;
            good.add(prediction(ds.heldOut().get(i), 0.4, 0.3, 0.3, -0.5 * (baseline - 8), -3, 3, 0.4));
            probe.add(
                    i == 0
                            ? prediction(ds.heldOut().get(i), 0.4, 0.3, 0.3, -1000, -1000, -1000, 1.0)
                            : prediction(ds.heldOut().get(i), 0.4, 0.3, 0.3, -0.5 * (baseline - 8), -3, 3, 0.4));
        }
        JsonNode first =
                JSON.readTree(evaluate(body(ds.id(), "held_out", "rule", good)).body());
        JsonNode m = first.path("metrics");
        assertThat(m.path(Metrics.MAE_SKILL).asDouble()).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(m.path(Metrics.MAE).asDouble()).isZero();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(HeldOutRelease.round(e.getValue().asDouble()))
                    .as(e.getKey())
                    .isEqualTo(e.getValue().asDouble());
            JsonNode interval = first.path("intervals").path(e.getKey());
            assertThat(interval.path("low").asDouble())
                    .as(e.getKey())
                    .isLessThanOrEqualTo(interval.path("high").asDouble());
        }
        assertThat(first.has("reliability")).isFalse();
        assertThat(first.has("predicted")).isFalse();
        assertThat(first.path("heldOutRelease").path("released").asBoolean()).isTrue();
        assertNoPerRecordContent(first);

        // The probe (one record at −1000, its adverse-event probability 1) reports the first answer's scores again.
        JsonNode second = JSON.readTree(
                evaluate(body(ds.id(), "held_out", "rule-probe", probe)).body());
        assertThat(second.path("heldOutRelease").path("released").asBoolean()).isFalse();
        assertThat(second.path("heldOutRelease").path("reportedSubmission").asText())
                .isEqualTo(first.path("submissionId").asText());
        assertThat(second.path("metrics")).isEqualTo(first.path("metrics"));
        assertThat(second.path("intervals")).isEqualTo(first.path("intervals"));

        // The same predictions again: the same interval (the bootstrap's seed comes from the submission). Another
        // client's
        // ladder starts afresh, at the no-change reference.
        client = client + "-again";
        JsonNode again =
                JSON.readTree(evaluate(body(ds.id(), "held_out", "rule", good)).body());
        assertThat(again.path("intervals")).isEqualTo(first.path("intervals"));
        client = client + "-third";
        JsonNode noChange = JSON.readTree(
                evaluate(body(ds.id(), "held_out", "no-change", List.of())).body());
        assertThat(noChange.path("heldOutRelease").path("released").asBoolean()).isFalse();
        assertThat(noChange.path("metrics").size()).isZero();

        JsonNode board = leaderboard("?dataset=" + ds.id());
        JsonNode entries = board.path("tasks").get(0).path("splits").path("held_out");
        assertThat(entries)
                .extracting(e -> e.path("model").path("name").asText())
                .containsExactly("rule", "rule");
        // Equal scores: the earliest submission reaching them first.
        assertThat(entries.get(0).path("submissionId").asText())
                .isEqualTo(first.path("submissionId").asText());
        assertNoPerRecordContent(board);
    }

    @Test
    void concurrentHeldOutSubmissionsCannotBothTakeTheLastPlaces() throws Exception {
        Dataset ds = dataset();
        String heldOut = body(
                ds.id(),
                "held_out",
                "race",
                List.of(prediction(ds.heldOut().get(0), 0.6, 0.3, 0.1, -1.0, -2.0, 0.0, 0.7)));
        for (int i = 0; i < 3; i++) {
            assertThat(evaluate(heldOut).statusCode()).isEqualTo(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> evaluate(heldOut).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(2);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_submission WHERE dataset_id = ? AND split = 'held_out'",
                        Integer.class,
                        ds.id()))
                .isEqualTo(5);
    }

    @Test
    void leaderboardDefaultsToTheNewestReadyVersionAndRefusesUnknownOnes() throws IOException {
        Dataset ds = dataset();
        String newest = jdbc.queryForObject(
                "SELECT dataset_id FROM tn_bench_dataset WHERE status = 'ready' ORDER BY created_at DESC, dataset_id "
                        + "LIMIT 1",
                String.class);
        JsonNode board = leaderboard("");
        assertThat(board.path("dataset").path("datasetId").asText()).isEqualTo(newest);
        assertThat(leaderboard("?dataset=" + ds.id()).path("tasks")).hasSize(1);
        assertThat(http.get("/$leaderboard?dataset=ds-no-such-version").statusCode())
                .isEqualTo(404);
        assertThat(http.get("/$leaderboard?dataset=" + ds.id() + "&task=statin-ldl")
                        .statusCode())
                .isEqualTo(404);

        String building = "ds-eval-building-" + UUID.randomUUID().toString().substring(0, 8);
        insertVersion(building, "building");
        assertThat(http.get("/$leaderboard?dataset=" + building).statusCode()).isEqualTo(404);
        assertThat(evaluate(body(building, "tuning", "m", List.of())).statusCode())
                .isEqualTo(404);
    }

    // --- fixture: a small dataset written straight into the tables ---

    /**
     * Ten train records (metformin, baseline 6…10.5, change −0.5 × (baseline − 8)), three tuning records
     * (t1 improved −1.0 no event, t2 unchanged 0.2 event, t3 worsened 0.8 no event) and four held-out
     * records (h1 improved −1.3731 event, h2 worsened 0.6173, h3 unchanged 0.0719, h4 improved −0.7337 event).
     */
    private Dataset dataset() {
        return dataset(null, 4);
    }

    /** @param sharedSource when given, the held-out records' source keys: another dataset with the same value holds the same records */
    private Dataset dataset(String sharedSource) {
        return dataset(sharedSource, 4);
    }

    private Dataset dataset(String sharedSource, int heldOutRecords) {
        String id = "ds-eval-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        insertVersion(id, "ready");
        String tag = id.substring(8, 16);
        for (int i = 0; i < 10; i++) {
            double baseline = 6 + 0.5 * i;
            double change = -0.5 * (baseline - 8);
            insert(
                    id,
                    "train-" + i + "-" + tag,
                    Split.TRAIN,
                    baseline,
                    direction(change),
                    change,
                    baseline + change,
                    i % 4 == 0);
        }
        List<String> tuning = List.of("tune-1-" + tag, "tune-2-" + tag, "tune-3-" + tag);
        insert(id, tuning.get(0), Split.TUNING, 8.0, "improved", -1.0, 7.0, false);
        insert(id, tuning.get(1), Split.TUNING, 7.0, "unchanged", 0.2, 7.2, true);
        insert(id, tuning.get(2), Split.TUNING, 6.5, "worsened", 0.8, 7.3, false);
        if (heldOutRecords != 4) {
            List<String> heldOut = new ArrayList<>();
            for (int i = 0; i < heldOutRecords; i++) {
                double baseline = 6 + 0.2 * i;
                double change = -0.5 * (baseline - 8);
                heldOut.add("held-" + (i + 1) + "-" + tag);
                insert(
                        id,
                        heldOut.get(i),
                        Split.HELD_OUT,
                        baseline,
                        direction(change),
                        change,
                        baseline + change,
                        i % 3 == 0,
                        null);
            }
            return new Dataset(id, tuning, heldOut);
        }
        List<String> heldOut = List.of("held-1-" + tag, "held-2-" + tag, "held-3-" + tag, "held-4-" + tag);
        String source = sharedSource == null ? tag : sharedSource;
        insert(id, heldOut.get(0), Split.HELD_OUT, 10.5102, "improved", -1.3731, 9.1371, true, source + "-1");
        insert(id, heldOut.get(1), Split.HELD_OUT, 5.8964, "worsened", 0.6173, 6.5137, false, source + "-2");
        insert(id, heldOut.get(2), Split.HELD_OUT, 8.2198, "unchanged", 0.0719, 8.2917, false, source + "-3");
        insert(id, heldOut.get(3), Split.HELD_OUT, 8.3829, "improved", -0.7337, 7.6492, true, source + "-4");
        return new Dataset(id, tuning, heldOut);
    }

    private static String direction(double change) {
        return Math.abs(change) < 0.5 ? "unchanged" : change < 0 ? "improved" : "worsened";
    }

    private void insertVersion(String id, String status) {
        jdbc.update(
                "INSERT INTO tn_bench_dataset (dataset_id, semver, status, job_id, task_ids, task_versions, catalogue_version, deid_version, "
                        + "content_hash, created_at, built_by, refusals, card, failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                "1.0.0",
                status,
                null,
                TASK,
                "{\"" + TASK + "\":\"1.0.0\"}",
                "test",
                "test",
                id,
                Timestamp.from(Instant.now()),
                "test",
                "{}",
                null,
                null);
    }

    private void insert(
            String datasetId,
            String recordId,
            Split split,
            double baseline,
            String direction,
            double change,
            double followUp,
            boolean adverse) {
        insert(datasetId, recordId, split, baseline, direction, change, followUp, adverse, null);
    }

    /** @param sourceKey the record's server-only source key; null: one of its own */
    private void insert(
            String datasetId,
            String recordId,
            Split split,
            double baseline,
            String direction,
            double change,
            double followUp,
            boolean adverse,
            String sourceKey) {
        Instant start = Instant.parse("2031-03-01T00:00:00Z");
        DatasetRecord r = new DatasetRecord(
                TASK,
                recordId,
                null,
                Math.abs(recordId.hashCode()),
                split,
                start,
                "50-59",
                null,
                recordId.hashCode() % 2 == 0 ? "female" : "male",
                METFORMIN,
                List.of(),
                new DatasetRecord.Measurement(
                        "hba1c", BigDecimal.valueOf(baseline), "%", start.minus(Duration.ofDays(10)), -10),
                Map.of(
                        "bmi",
                        new DatasetRecord.Measurement(
                                "bmi",
                                BigDecimal.valueOf(25 + baseline),
                                "kg/m2",
                                start.minus(Duration.ofDays(30)),
                                -30)),
                null);
        jdbc.update(
                "INSERT INTO tn_bench_record (dataset_id, task_id, record_id, subject_id, split, prediction_time, inputs) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                datasetId,
                TASK,
                recordId,
                r.subjectId(),
                split.code(),
                Timestamp.from(start),
                DatasetRecordJson.released(r, false).toString());
        jdbc.update(
                "INSERT INTO tn_bench_label (dataset_id, task_id, record_id, split, direction, change_value, follow_up_value, "
                        + "follow_up_day_offset, adverse_event, source_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                datasetId,
                TASK,
                recordId,
                split.code(),
                direction,
                BigDecimal.valueOf(change),
                BigDecimal.valueOf(followUp),
                120,
                adverse,
                sourceKey == null ? "source-" + datasetId + "-" + recordId : sourceKey);
    }

    // --- requests and checks ---

    private static String body(String datasetId, String split, String model, List<String> predictions) {
        return "{\"dataset\":\"" + datasetId + "\",\"task\":\"" + TASK + "\",\"split\":\"" + split
                + "\",\"model\":{\"name\":\"" + model + "\",\"description\":\"a test model\"},\"predictions\":["
                + String.join(",", predictions) + "]}";
    }

    private static String prediction(
            String recordId,
            double improved,
            double unchanged,
            double worsened,
            double change,
            double low,
            double high,
            double adverse) {
        return "{\"recordId\":\"" + recordId + "\",\"direction\":{\"improved\":" + improved + ",\"unchanged\":"
                + unchanged + ",\"worsened\":" + worsened + "},\"change\":" + change + ",\"changeInterval\":[" + low
                + "," + high + "],\"adverseEvent\":" + adverse + "}";
    }

    private HttpResponse<String> evaluate(String body) {
        return new RawHttp(baseUrl())
                .withToken(TestSecurity.get().clientToken(client, "benchmark/*.read benchmark/*.submit"))
                .postJson("/$evaluate", body);
    }

    private JsonNode leaderboard(String query) throws IOException {
        HttpResponse<String> response = http.get("/$leaderboard" + query, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... phrases) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        String diagnostics = outcome.path("issue").get(0).path("diagnostics").asText();
        for (String phrase : phrases) {
            assertThat(diagnostics).contains(phrase);
        }
    }

    /** Entries are in the metric's better order. */
    private static void assertRanked(JsonNode entries, String metric, boolean higherIsBetter) {
        for (int i = 1; i < entries.size(); i++) {
            double before = entries.get(i - 1).path("metrics").path(metric).asDouble();
            double after = entries.get(i).path("metrics").path(metric).asDouble();
            assertThat(higherIsBetter ? before >= after : before <= after)
                    .as("rank %d of %s", i, entries)
                    .isTrue();
            assertThat(entries.get(i).path("rank").asInt()).isEqualTo(i + 1);
        }
    }

    private static void assertNoHeldOutLabel(String text) {
        for (String secret : HELD_OUT_SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(text)
                .doesNotContain("held-1-")
                .doesNotContain("held-2-")
                .doesNotContain("held-3-")
                .doesNotContain("held-4-");
    }

    /** No field of any object names a record or a record's label. */
    private static void assertNoPerRecordContent(JsonNode node) {
        Set<String> fields = new HashSet<>();
        collect(node, fields);
        assertThat(fields)
                .doesNotContain(
                        "recordId",
                        "direction",
                        "label",
                        "change",
                        "followUp",
                        "adverseEvent",
                        "predictions",
                        "correct");
    }

    private static void collect(JsonNode node, Set<String> fields) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.add(e.getKey());
                collect(e.getValue(), fields);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, fields));
        }
    }
}
