package org.transitionnet.server.benchmark.evaluate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The one writer and reader of scored submissions ({@code tn_bench_submission}): the leaderboard's rows,
 * the baselines (replaced when a version's baselines are scored again) and the held-out count the rate
 * limit is checked against.
 */
public class SubmissionStore {

	public static final String BASELINE_CLIENT = "transitionnet";
	private static final String COLUMNS = "submission_id, dataset_id, task_id, split, client_id, model_name, model_description, baseline, "
			+ "predicted, missing, metrics, created_at";

	private final JdbcTemplate jdbc;

	public SubmissionStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(StoredSubmission s) {
		jdbc.update("INSERT INTO tn_bench_submission (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				s.submissionId(), s.datasetId(), s.taskId(), s.split(), s.clientId(), s.modelName(), s.modelDescription(), s.baseline(),
				s.evaluation().predicted(), s.evaluation().missing(), EvaluationJson.stored(s.evaluation()), Timestamp.from(s.createdAt()));
	}

	/** Removes a version's baseline results of these tasks (before they are scored again). */
	public void deleteBaselines(String datasetId, Collection<String> taskIds) {
		for (String taskId : taskIds) {
			jdbc.update("DELETE FROM tn_bench_submission WHERE dataset_id = ? AND task_id = ? AND baseline = TRUE", datasetId, taskId);
		}
	}

	/** Every scored submission of a version (optionally one task), newest first. */
	public List<StoredSubmission> of(String datasetId, String taskId) {
		if (taskId == null) {
			return jdbc.query("SELECT " + COLUMNS + " FROM tn_bench_submission WHERE dataset_id = ? ORDER BY created_at DESC, submission_id",
					ROW, datasetId);
		}
		return jdbc.query("SELECT " + COLUMNS + " FROM tn_bench_submission WHERE dataset_id = ? AND task_id = ? "
				+ "ORDER BY created_at DESC, submission_id", ROW, datasetId, taskId);
	}

	/**
	 * Times of a client's held-out scorings of one task and version after {@code since}, oldest first
	 * (baselines are not counted).
	 */
	public List<Instant> heldOutSince(String clientId, String datasetId, String taskId, Instant since) {
		return jdbc.query("SELECT created_at FROM tn_bench_submission WHERE client_id = ? AND dataset_id = ? AND task_id = ? "
						+ "AND split = 'held_out' AND baseline = FALSE AND created_at > ? ORDER BY created_at",
				(rs, i) -> rs.getTimestamp(1).toInstant(), clientId, datasetId, taskId, Timestamp.from(since));
	}

	private static final RowMapper<StoredSubmission> ROW = (rs, i) -> new StoredSubmission(rs.getString("submission_id"),
			rs.getString("dataset_id"), rs.getString("task_id"), rs.getString("split"), rs.getString("client_id"), rs.getString("model_name"),
			rs.getString("model_description"), rs.getBoolean("baseline"),
			EvaluationJson.fromStored(rs.getString("metrics"), rs.getInt("predicted"), rs.getInt("missing")),
			rs.getTimestamp("created_at").toInstant());
}
