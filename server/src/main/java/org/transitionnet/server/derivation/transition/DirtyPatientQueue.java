package org.transitionnet.server.derivation.transition;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.record.patient.PatientsAtCommit;

/**
 * Patients whose source records changed and whose transitions must be re-derived, kept in a table of
 * the shared database. Marks are written inside the transaction that changed the sources, so a change
 * that commits is never forgotten, and one that rolls back leaves no mark; any node may hand them out.
 * A mark is only deleted by the derivation that covered it ({@link #clear}, in the derivation's own
 * transaction): handing it to a job just records the job, so a job that dies leaves the mark to be
 * handed again. Every new mark of a patient replaces the mark's token, so a derivation that started
 * before the patient changed again does not clear the newer mark.
 */
public class DirtyPatientQueue {

    /** Lock order of the writes before commit: the fact projection's patient row first, then the mark. */
    public static final int MARK_ORDER = 200;

    private final JdbcTemplate jdbc;
    private final DatabaseKind databaseKind;
    private final PatientsAtCommit atCommit;

    public DirtyPatientQueue(JdbcTemplate jdbc, DatabaseKind databaseKind) {
        this.jdbc = jdbc;
        this.databaseKind = databaseKind;
        this.atCommit = new PatientsAtCommit(this::markNow, MARK_ORDER);
    }

    /** A mark of the patient, written just before the caller's transaction commits (so it rolls back with the change). */
    public void mark(String patientId) {
        atCommit.add(patientId);
    }

    private void markNow(String patientId) {
        Timestamp now = Timestamp.from(Instant.now());
        long token = newToken();
        if (databaseKind == DatabaseKind.POSTGRESQL) {
            jdbc.update(
                    "INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token) VALUES (?, ?, ?) "
                            + "ON CONFLICT (patient_id) DO UPDATE SET mark_token = EXCLUDED.mark_token",
                    patientId,
                    now,
                    token);
        } else if (jdbc.update("UPDATE tn_dirty_patient SET mark_token = ? WHERE patient_id = ?", token, patientId)
                == 0) {
            jdbc.update(
                    "INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token) VALUES (?, ?, ?)",
                    patientId,
                    now,
                    token);
        }
    }

    /** Marks every patient the query selects that has no mark yet (one statement; safe when several nodes run it). */
    public int markAll(String patientIdQuery, Object... arguments) {
        Object[] args = new Object[arguments.length + 2];
        args[0] = Timestamp.from(Instant.now());
        args[1] = newToken();
        System.arraycopy(arguments, 0, args, 2, arguments.length);
        String conflict = databaseKind == DatabaseKind.POSTGRESQL ? " ON CONFLICT (patient_id) DO NOTHING" : "";
        return jdbc.update(
                "INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token) SELECT q.patient_id, ?, ? FROM ("
                        + patientIdQuery
                        + ") q WHERE NOT EXISTS (SELECT 1 FROM tn_dirty_patient d WHERE d.patient_id = q.patient_id)"
                        + conflict,
                args);
    }

    /** The token of the patient's mark, or {@code null} when it has none. */
    public Long token(String patientId) {
        List<Long> tokens = jdbc.queryForList(
                "SELECT mark_token FROM tn_dirty_patient WHERE patient_id = ?", Long.class, patientId);
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    /** Deletes the patient's mark if it is still the one with this token; call in the transaction that settles its derivation. */
    public boolean clear(String patientId, Long token) {
        return token != null
                && jdbc.update("DELETE FROM tn_dirty_patient WHERE patient_id = ? AND mark_token = ?", patientId, token)
                        > 0;
    }

    /**
     * Hands up to {@code limit} marks that no job holds to the job {@code start} starts for them, recording
     * the job on the marks; returns the job id, or {@code null} when there was nothing to hand. Call inside a
     * transaction. On PostgreSQL, marks another node is handing out (or a writer is renewing) are skipped.
     */
    public String handOut(int limit, Function<List<String>, String> start) {
        String lock = databaseKind == DatabaseKind.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        List<String> ids = jdbc.queryForList(
                "SELECT patient_id FROM tn_dirty_patient WHERE job_id IS NULL ORDER BY marked_at, patient_id LIMIT "
                        + limit + lock,
                String.class);
        if (ids.isEmpty()) {
            return null;
        }
        String jobId = start.apply(ids);
        Timestamp now = Timestamp.from(Instant.now());
        for (String id : ids) {
            jdbc.update("UPDATE tn_dirty_patient SET job_id = ?, handed_at = ? WHERE patient_id = ?", jobId, now, id);
        }
        return jobId;
    }

    /** The jobs that marks are handed to. */
    public List<String> handedJobs() {
        return jdbc.queryForList("SELECT DISTINCT job_id FROM tn_dirty_patient WHERE job_id IS NOT NULL", String.class);
    }

    /** Takes back the marks a job still holds (it ended or stalled without deriving them), so they are handed again. */
    public int release(String jobId) {
        return jdbc.update("UPDATE tn_dirty_patient SET job_id = NULL, handed_at = NULL WHERE job_id = ?", jobId);
    }

    /** Marks no job holds yet. */
    public long waiting() {
        return count("SELECT COUNT(*) FROM tn_dirty_patient WHERE job_id IS NULL");
    }

    /** Marks handed to a job that has not yet settled them. */
    public long inProgress() {
        return count("SELECT COUNT(*) FROM tn_dirty_patient WHERE job_id IS NOT NULL");
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static long newToken() {
        long token;
        do {
            token = ThreadLocalRandom.current().nextLong();
        } while (token == 0);
        return token;
    }
}
