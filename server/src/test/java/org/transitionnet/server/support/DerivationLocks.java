package org.transitionnet.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Every stored patient's derivation lock (the advisory lock a derivation takes per patient), held on a connection
 * of the test's own until released: a fault test that must kill a node while it derives would otherwise race the
 * derivation, which takes milliseconds per patient and can finish before the test looks.
 */
public final class DerivationLocks implements AutoCloseable {

    private static final int LOCK_SPACE = 0x746e;

    private final Connection connection;
    private final Deque<String> held = new ArrayDeque<>();

    private DerivationLocks(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock of every patient stored in the database, in id order. */
    public static DerivationLocks holdAll(TestDatabase db) throws SQLException {
        DerivationLocks locks =
                new DerivationLocks(DriverManager.getConnection(db.url(), db.username(), db.password()));
        try (Statement s = locks.connection.createStatement();
                ResultSet ids = s.executeQuery("SELECT fhir_id FROM hfj_resource WHERE res_type = 'Patient' "
                        + "AND res_deleted_at IS NULL ORDER BY fhir_id")) {
            while (ids.next()) {
                locks.call("SELECT pg_advisory_lock(?, hashtext(?))", ids.getString(1));
                locks.held.add(ids.getString(1));
            }
        }
        return locks;
    }

    /** Lets the next patient (in id order) be derived. */
    public void releaseOne() throws SQLException {
        if (!held.isEmpty()) {
            call("SELECT pg_advisory_unlock(?, hashtext(?))", held.removeFirst());
        }
    }

    private void call(String sql, String patientId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, LOCK_SPACE);
            statement.setString(2, patientId);
            statement.execute();
        }
    }

    /** Releases every lock still held (closing the session releases them). */
    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
