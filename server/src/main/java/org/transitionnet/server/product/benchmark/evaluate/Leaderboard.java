package org.transitionnet.server.product.benchmark.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;

/**
 * The leaderboard of one dataset version: per task and scored split (tuning, held_out), one entry per
 * client and model name — its newest scoring (on held_out: its newest released one, see {@link HeldOutRelease}) —
 * ranked by the task's declared primary metric in its better direction, ties broken by the declared secondary
 * metrics in order, then by the earliest submission reaching the score; entries without the primary metric last.
 * Held-out entries are ranked by their released (rounded) scores only. Baselines are among the entries. Every
 * task carries its safety boundary; a demonstration version says it is one. Built from stored scores only.
 */
public class Leaderboard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Split> SCORED = List.of(Split.TUNING, Split.HELD_OUT);

    private final SubmissionStore submissions;
    private final TaskCatalog tasks;

    public Leaderboard(SubmissionStore submissions, TaskCatalog tasks) {
        this.submissions = submissions;
        this.tasks = tasks;
    }

    /** @param taskId one task of the version, or {@code null} for all of them */
    public ObjectNode of(DatasetVersion version, String taskId) {
        ObjectNode board = JSON.createObjectNode();
        ObjectNode dataset = board.putObject("dataset");
        dataset.put("datasetId", version.datasetId());
        dataset.put("semver", version.semver());
        dataset.put(
                "createdAt",
                version.createdAt() == null ? null : version.createdAt().toString());
        if (version.demonstration()) {
            dataset.put("demonstration", DatasetVersion.DEMONSTRATION_NOTE);
        }
        List<StoredSubmission> all = submissions.of(version.datasetId(), taskId);
        ArrayNode taskNodes = board.putArray("tasks");
        for (String id : version.taskIds()) {
            if (taskId != null && !taskId.equals(id)) {
                continue;
            }
            taskNodes.add(task(
                    version, id, all.stream().filter(s -> s.taskId().equals(id)).toList()));
        }
        return board;
    }

    private ObjectNode task(DatasetVersion version, String taskId, List<StoredSubmission> scored) {
        Optional<BenchmarkTask> task = tasks.task(taskId);
        List<String> metrics =
                task.map(BenchmarkTask::metrics).filter(m -> !m.isEmpty()).orElse(Metrics.ALL);
        List<String> ranking = task.map(BenchmarkTask::rankingMetrics).orElse(List.of(Metrics.MAE_SKILL));
        String rankedBy = ranking.get(0);
        ObjectNode node = JSON.createObjectNode();
        node.put("task", taskId);
        node.put("taskVersion", version.taskVersions().get(taskId));
        node.put("title", task.map(BenchmarkTask::title).orElse(taskId));
        node.put("rankedBy", rankedBy);
        ArrayNode tieBreaks = node.putArray("tieBreaks");
        ranking.subList(1, ranking.size()).forEach(tieBreaks::add);
        tieBreaks.add("earliest submission reaching the score");
        ArrayNode metricNodes = node.putArray("metrics");
        for (String metric : metrics) {
            metricNodes.addObject().put("name", metric).put("order", MetricOrder.describe(metric));
        }
        node.put("safetyBoundary", SafetyBoundary.of(tasks, taskId));
        ObjectNode splits = node.putObject("splits");
        for (Split split : SCORED) {
            ArrayNode entries = splits.putArray(split.code());
            int rank = 1;
            for (StoredSubmission s : ranked(
                    scored.stream().filter(x -> x.split().equals(split.code())).toList(), ranking)) {
                ObjectNode entry = SubmissionJson.of(s);
                entry.put("rank", rank++);
                entries.add(entry);
            }
        }
        return node;
    }

    /**
     * Newest scoring per client and model name (on held_out the newest released one), best first by the ranking
     * metrics (primary, then secondary), then earliest reaching the score.
     */
    static List<StoredSubmission> ranked(List<StoredSubmission> scored, List<String> ranking) {
        Map<String, StoredSubmission> newest = new LinkedHashMap<>();
        for (StoredSubmission s : scored) {
            if (s.isHeldOut()
                    && !s.baseline()
                    && (s.heldOut() == null || !s.heldOut().released())) {
                continue;
            }
            newest.merge(
                    s.clientId() + "\u0000" + s.modelName(),
                    s,
                    (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
        }
        Comparator<StoredSubmission> order = (a, b) -> 0;
        for (String metric : ranking) {
            boolean higher = MetricOrder.higherIsBetter(metric);
            order = order.thenComparing((a, b) -> {
                Double x = shown(a).get(metric);
                Double y = shown(b).get(metric);
                if (x == null || y == null) {
                    return x == null ? (y == null ? 0 : 1) : -1;
                }
                return higher ? Double.compare(y, x) : Double.compare(x, y);
            });
        }
        List<StoredSubmission> entries = new ArrayList<>(newest.values());
        entries.sort(order.thenComparing(Leaderboard::reached).thenComparing(StoredSubmission::submissionId));
        return entries;
    }

    /** The scores an entry is ranked by: exact on tuning, the released rounded ones on held_out. */
    private static Map<String, Double> shown(StoredSubmission s) {
        if (!s.isHeldOut()) {
            return s.evaluation().metrics();
        }
        return s.heldOut() == null ? Map.of() : s.heldOut().metrics();
    }

    /** When the entry's score was reached: when the reported scores were scored. */
    private static java.time.Instant reached(StoredSubmission s) {
        return s.isHeldOut() && s.heldOut() != null && s.heldOut().reportedAt() != null
                ? s.heldOut().reportedAt()
                : s.createdAt();
    }
}
