package org.transitionnet.server.derivation.transition;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.DatabaseKind;

/**
 * Per patient, on the fact projection's patient row: how many source changes the facts have taken
 * ({@code source_changes}, counted by {@link org.transitionnet.server.record.facts.FactStore} with every write),
 * and through which of them the last settled derivation went ({@code derived_through}), with its
 * failure, if it failed. A patient whose count is ahead of {@code derived_through}, or who was never
 * derived, has changes no derivation has covered: reconciliation marks such patients from this one
 * small table, without reading any resource history. The counter is compared, never clocks, so nodes
 * with skewed clocks cannot hide a change.
 */
public class DerivationLedger {

    /** Patients whose sources changed after their last settled derivation, or never derived at all. */
    public static final String BEHIND =
            "SELECT patient_id FROM tn_fact_patient WHERE derived_through IS NULL OR source_changes > derived_through";

    private final JdbcTemplate jdbc;
    private final DatabaseKind databaseKind;

    public DerivationLedger(JdbcTemplate jdbc, DatabaseKind databaseKind) {
        this.jdbc = jdbc;
        this.databaseKind = databaseKind;
    }

    /** The patient's source change count as of now (0 for a patient the projection has no row for). */
    public long sourceChanges(String patientId) {
        List<Long> n = jdbc.queryForList(
                "SELECT source_changes FROM tn_fact_patient WHERE patient_id = ?", Long.class, patientId);
        return n.isEmpty() || n.get(0) == null ? 0 : n.get(0);
    }

    /** The derivation that read {@code through} committed (call in its transaction). */
    public void derived(String patientId, long through) {
        jdbc.update(
                "UPDATE tn_fact_patient SET derived_through = ?, derived_at = ?, derivation_failure = NULL WHERE patient_id = ?",
                through,
                Timestamp.from(Instant.now()),
                patientId);
    }

    /**
     * The derivation that read {@code through} failed: recorded as settled with its reason, so the patient is
     * tried again when its sources change (or on {@code $rederive}), not over and over for the same data.
     */
    public void failed(String patientId, long through, String reason) {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.update(
                        "UPDATE tn_fact_patient SET derived_through = ?, derived_at = ?, derivation_failure = ? WHERE patient_id = ?",
                        through,
                        now,
                        reason,
                        patientId)
                == 0) {
            // No projection row (facts never built): an empty catalogue version makes the next derivation rebuild them.
            String insert =
                    "INSERT INTO tn_fact_patient (patient_id, catalogue_version, derived_through, derived_at, derivation_failure) "
                            + "VALUES (?, '', ?, ?, ?)"
                            + (databaseKind == DatabaseKind.POSTGRESQL ? " ON CONFLICT (patient_id) DO NOTHING" : "");
            jdbc.update(insert, patientId, through, now, reason);
        }
    }

    /** The failure of the patient's last derivation, or {@code null} when it did not fail. */
    public String failure(String patientId) {
        List<String> f = jdbc.queryForList(
                "SELECT derivation_failure FROM tn_fact_patient WHERE patient_id = ?", String.class, patientId);
        return f.isEmpty() ? null : f.get(0);
    }

    /** Patients whose last derivation failed. */
    public long failedCount() {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM tn_fact_patient WHERE derivation_failure IS NOT NULL", Long.class);
        return n == null ? 0 : n;
    }
}
