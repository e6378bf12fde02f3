package org.transitionnet.server.transition.incremental;

import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.DatabaseKind;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Patients whose source records changed and whose transitions must be re-derived, kept in a table of
 * the shared database. Marks are written inside the transaction that changed the sources, so a change
 * that commits is never forgotten, and one that rolls back leaves no mark; any node may take them.
 */
public class DirtyPatientQueue {

	private final JdbcTemplate jdbc;
	private final DatabaseKind databaseKind;

	public DirtyPatientQueue(JdbcTemplate jdbc, DatabaseKind databaseKind) {
		this.jdbc = jdbc;
		this.databaseKind = databaseKind;
	}

	/** Joins the caller's transaction (same DataSource) so the mark commits or rolls back with the change. */
	public void mark(String patientId) {
		Timestamp now = Timestamp.from(Instant.now());
		if (databaseKind == DatabaseKind.POSTGRESQL) {
			jdbc.update("INSERT INTO tn_dirty_patient (patient_id, marked_at) VALUES (?, ?) ON CONFLICT (patient_id) DO NOTHING",
					patientId, now);
		} else {
			jdbc.update("MERGE INTO tn_dirty_patient (patient_id, marked_at) KEY (patient_id) VALUES (?, ?)", patientId, now);
		}
	}

	/**
	 * Removes and returns up to {@code limit} marks; call inside a transaction that also hands them to
	 * a job, so they come back if that fails. On PostgreSQL, rows another node holds are skipped.
	 */
	public List<String> take(int limit) {
		String lock = databaseKind == DatabaseKind.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
		List<String> ids = jdbc.queryForList(
				"SELECT patient_id FROM tn_dirty_patient ORDER BY marked_at, patient_id LIMIT " + limit + lock, String.class);
		for (String id : ids) {
			jdbc.update("DELETE FROM tn_dirty_patient WHERE patient_id = ?", id);
		}
		return ids;
	}

	public int size() {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM tn_dirty_patient", Integer.class);
		return count == null ? 0 : count;
	}
}
