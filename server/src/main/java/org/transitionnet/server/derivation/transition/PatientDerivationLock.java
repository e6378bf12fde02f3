package org.transitionnet.server.derivation.transition;

import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.DatabaseKind;

/**
 * Serialises derivations of one patient across threads and server nodes: two jobs re-deriving the same
 * patient at once (an incremental one and a {@code $rederive}, say) would otherwise both create the same
 * stable ids. On PostgreSQL a transaction-scoped advisory lock; the embedded quick-start database runs a
 * single node, where Batch2's chunk retry is enough.
 */
public class PatientDerivationLock {

    private final JdbcTemplate jdbc;
    private final DatabaseKind databaseKind;

    public PatientDerivationLock(JdbcTemplate jdbc, DatabaseKind databaseKind) {
        this.jdbc = jdbc;
        this.databaseKind = databaseKind;
    }

    /** Call inside the derivation's transaction; the lock is released when it ends. */
    public void lock(String patientId) {
        if (databaseKind == DatabaseKind.POSTGRESQL) {
            jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, 0x746e, patientId);
        }
    }
}
