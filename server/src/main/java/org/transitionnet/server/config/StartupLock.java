package org.transitionnet.server.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes the work every node does at start on shared rows across all nodes on one database, so nodes
 * cold-starting together do it one after the other and each finds what the one before stored: our schema
 * migration, IG package and the quick start's sample data, and HAPI's own first writes (its resource-type table,
 * filled when its DAOs start). A node holds it from before its schema migration until its context has started
 * ({@link #holdForStart()}, {@link #releaseAfterStart()}); work that runs after that, or may also run later, takes
 * it for its own duration ({@link #whileHolding}). On PostgreSQL it is a session advisory lock held on a connection of its own;
 * the lock goes with that connection, so a node killed while holding it releases it. H2 (one process per
 * database file) needs only a lock within this process.
 */
public class StartupLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    /** The advisory lock's key: "TNstartL" in ASCII, shared by every TransitionNet node. */
    static final long KEY = 0x544e73746172744cL;

    private static final long POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final DatabaseKind databaseKind;
    private final Duration timeout;
    private final ReentrantLock local = new ReentrantLock();
    private Connection heldForStart;
    private volatile Thread startThread;

    public StartupLock(DataSource dataSource, DatabaseKind databaseKind, Duration timeout) {
        this.dataSource = dataSource;
        this.databaseKind = databaseKind;
        this.timeout = timeout;
    }

    /** Runs {@code work} while no other node runs start-up work on this database; {@code what} names it in the log. */
    public void whileHolding(String what, Runnable work) {
        whileHolding(what, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Takes the lock for the rest of this node's start, on the calling thread (the one that starts the application):
     * start-up work it runs later needs no further lock. Waits while another node starts.
     */
    public synchronized void holdForStart() {
        if (databaseKind != DatabaseKind.POSTGRESQL || heldForStart != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                acquire(connection, "the start of this node", Instant.now().plus(timeout));
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            heldForStart = connection;
            startThread = Thread.currentThread();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock: " + e.getMessage(), e);
        }
    }

    /** Lets the next node start: called once this node's context has started (and when it stops). */
    public synchronized void releaseAfterStart() {
        if (heldForStart == null) {
            return;
        }
        try (Connection connection = heldForStart) {
            release(connection);
        } catch (SQLException e) {
            log.warn(
                    "Could not release the start-up lock cleanly ({}); its connection is closed, which releases it",
                    e.getMessage());
        } finally {
            heldForStart = null;
            startThread = null;
        }
        log.info("Start-up work done: start-up lock released");
    }

    @Override
    public void close() {
        releaseAfterStart();
    }

    /** As {@link #whileHolding(String, Runnable)}, returning the work's result. Nested calls run at once. */
    public <T> T whileHolding(String what, Supplier<T> work) {
        if (local.isHeldByCurrentThread() || startThread == Thread.currentThread()) {
            return work.get();
        }
        Instant deadline = Instant.now().plus(timeout);
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw timedOut(what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the start-up lock (" + what + ")", e);
        }
        try {
            if (databaseKind != DatabaseKind.POSTGRESQL) {
                return work.get();
            }
            return underAdvisoryLock(what, work, deadline);
        } finally {
            local.unlock();
        }
    }

    private <T> T underAdvisoryLock(String what, Supplier<T> work, Instant deadline) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            acquire(connection, what, deadline);
            try {
                return work.get();
            } finally {
                release(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock (" + what + "): " + e.getMessage(), e);
        }
    }

    private void acquire(Connection connection, String what, Instant deadline) throws SQLException {
        long start = System.currentTimeMillis();
        boolean told = false;
        while (!tryAcquire(connection)) {
            if (!told) {
                log.info("Waiting for another node's start-up work on this database before: {}", what);
                told = true;
            }
            if (Instant.now().isAfter(deadline)) {
                throw timedOut(what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the start-up lock (" + what + ")", e);
            }
        }
        if (told) {
            log.info("Start-up lock taken after {} ms: {}", System.currentTimeMillis() - start, what);
        }
    }

    private static boolean tryAcquire(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** Unlocks; a connection that cannot unlock is closed for good rather than returned to the pool still holding the lock. */
    private static void release(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, KEY);
            statement.executeQuery().close();
        } catch (SQLException e) {
            connection.abort(Runnable::run);
            throw e;
        }
    }

    private IllegalStateException timedOut(String what) {
        return new IllegalStateException(
                "Another node held the start-up lock for longer than transitionnet.db.startup-lock-timeout (" + timeout
                        + ") before: " + what);
    }
}
