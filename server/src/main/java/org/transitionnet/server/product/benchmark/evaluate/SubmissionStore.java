package org.transitionnet.server.product.benchmark.evaluate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The one writer and reader of scored submissions ({@code tn_bench_submission}): the leaderboard's rows,
 * the baselines (replaced when a version's baselines are scored again), the held-out use the rate limits are
 * checked against and the best released held-out scores the ladder compares with.
 */
public class SubmissionStore {

    public static final String BASELINE_CLIENT = "transitionnet";
    private static final String COLUMNS =
            "submission_id, dataset_id, task_id, split, client_id, model_name, model_description, baseline, "
                    + "predicted, missing, metrics, created_at, held_out_set";

    private final JdbcTemplate jdbc;

    public SubmissionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredSubmission s) {
        jdbc.update(
                "INSERT INTO tn_bench_submission (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.submissionId(),
                s.datasetId(),
                s.taskId(),
                s.split(),
                s.clientId(),
                s.modelName(),
                s.modelDescription(),
                s.baseline(),
                s.evaluation().predicted(),
                s.evaluation().missing(),
                EvaluationJson.stored(s.evaluation(), s.heldOut()),
                Timestamp.from(s.createdAt()),
                s.heldOutSet());
    }

    /** Removes a version's baseline results of these tasks (before they are scored again). */
    public void deleteBaselines(String datasetId, Collection<String> taskIds) {
        for (String taskId : taskIds) {
            jdbc.update(
                    "DELETE FROM tn_bench_submission WHERE dataset_id = ? AND task_id = ? AND baseline = TRUE",
                    datasetId,
                    taskId);
        }
    }

    /** Every scored submission of a version (optionally one task), newest first. */
    public List<StoredSubmission> of(String datasetId, String taskId) {
        if (taskId == null) {
            return jdbc.query(
                    "SELECT " + COLUMNS
                            + " FROM tn_bench_submission WHERE dataset_id = ? ORDER BY created_at DESC, submission_id",
                    ROW,
                    datasetId);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM tn_bench_submission WHERE dataset_id = ? AND task_id = ? "
                        + "ORDER BY created_at DESC, submission_id",
                ROW,
                datasetId,
                taskId);
    }

    /**
     * The client's held-out scores released on a held-out record set (in any version holding it), newest first: the
     * ladder's best is the first.
     */
    public java.util.Optional<HeldOutScores> bestReleased(String clientId, String heldOutSet) {
        for (StoredSubmission s : jdbc.query(
                "SELECT " + COLUMNS + " FROM tn_bench_submission WHERE client_id = ? AND held_out_set = ? "
                        + "AND split = 'held_out' AND baseline = FALSE ORDER BY created_at DESC, submission_id",
                ROW,
                clientId,
                heldOutSet)) {
            if (s.heldOut() != null && s.heldOut().released()) {
                return java.util.Optional.of(s.heldOut());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * For each held-out source record of a task's held-out split in a version, the times after {@code since} at which
     * the client had it scored, in this version or any other holding the same source record (baselines are not
     * counted). Records never scored in the window are absent.
     */
    public Map<String, List<Instant>> heldOutUseBySource(
            String clientId, String datasetId, String taskId, Instant since) {
        Map<String, List<Instant>> use = new java.util.HashMap<>();
        jdbc.query(
                "SELECT cur.source_key, s.created_at FROM tn_bench_label cur "
                        + "JOIN tn_bench_label other ON other.source_key = cur.source_key AND other.split = 'held_out' "
                        + "JOIN tn_bench_submission s ON s.dataset_id = other.dataset_id AND s.task_id = other.task_id "
                        + "WHERE cur.dataset_id = ? AND cur.task_id = ? AND cur.split = 'held_out' AND s.client_id = ? AND s.split = 'held_out' "
                        + "AND s.baseline = FALSE AND s.created_at > ?",
                rs -> {
                    use.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                            .add(rs.getTimestamp(2).toInstant());
                },
                datasetId,
                taskId,
                clientId,
                Timestamp.from(since));
        use.values().forEach(java.util.Collections::sort);
        return use;
    }

    /** Times of a client's held-out scorings in every version and task after {@code since}, oldest first (baselines are not counted). */
    public List<Instant> heldOutSince(String clientId, Instant since) {
        return jdbc.query(
                "SELECT created_at FROM tn_bench_submission WHERE client_id = ? AND split = 'held_out' AND baseline = FALSE "
                        + "AND created_at > ? ORDER BY created_at",
                (rs, i) -> rs.getTimestamp(1).toInstant(),
                clientId,
                Timestamp.from(since));
    }

    private static final RowMapper<StoredSubmission> ROW = (rs, i) -> new StoredSubmission(
            rs.getString("submission_id"),
            rs.getString("dataset_id"),
            rs.getString("task_id"),
            rs.getString("split"),
            rs.getString("client_id"),
            rs.getString("model_name"),
            rs.getString("model_description"),
            rs.getBoolean("baseline"),
            EvaluationJson.fromStored(rs.getString("metrics"), rs.getInt("predicted"), rs.getInt("missing")),
            rs.getTimestamp("created_at").toInstant(),
            EvaluationJson.heldOutFromStored(rs.getString("metrics")),
            rs.getString("held_out_set"));
}
