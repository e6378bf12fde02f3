package org.transitionnet.server.product.benchmark.evaluate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.config.DatabaseKind;

/**
 * The held-out rate limits, so the held-out labels cannot be probed by many submissions:
 * <ul>
 *   <li>per held-out record: a held-out scoring is admitted only while, for every held-out source record it
 *       covers, the client's scorings covering that record within {@code window} are fewer than {@code limit}.
 *       Records are matched by their server-only source key, not by the released record id, so versions that
 *       share held-out records (another k, another task subset, a rebuild) share the count;</li>
 *   <li>per client: at most {@code dailyCap} held-out scorings within a day, across all versions and tasks.</li>
 * </ul>
 * The counts are of stored rows, so they hold across server nodes and restarts; the check and the new row are
 * in one transaction under a lock per client (a PostgreSQL transaction-scoped advisory lock; on the
 * single-node embedded database a lock in this process), so two concurrent submissions cannot both take the
 * last place. Submissions refused as invalid never reach it and do not count.
 */
public class HeldOutQuota {

    /** First key of the advisory lock: the benchmark's held-out limit ("tb"). */
    static final int LOCK_CLASS = 0x7462;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DatabaseKind databaseKind;
    private final SubmissionStore submissions;
    private final int limit;
    private final Duration window;
    private final int dailyCap;
    private final Clock clock;
    private final ReentrantLock[] localLocks = new ReentrantLock[64];

    /** The window of the per-client cap. */
    public static final Duration DAY = Duration.ofDays(1);

    public HeldOutQuota(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            DatabaseKind databaseKind,
            SubmissionStore submissions,
            int limit,
            Duration window,
            int dailyCap,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.databaseKind = databaseKind;
        this.submissions = submissions;
        this.limit = limit;
        this.window = window;
        this.dailyCap = dailyCap;
        this.clock = clock;
        for (int i = 0; i < localLocks.length; i++) {
            localLocks[i] = new ReentrantLock();
        }
    }

    /** Refused: the client used its held-out scorings; the oldest counted one leaves the window after {@code retryAfter}. */
    public static final class Exhausted extends RuntimeException {

        private final transient Duration retryAfter;

        Exhausted(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /**
     * Runs {@code scoreAndStore} in one transaction when the client may score the held-out split of the task in
     * the version; it must store the new row, which then counts.
     *
     * @return what {@code scoreAndStore} returned
     * @throws Exhausted when a limit is reached (nothing is run or stored)
     */
    public <T> T admit(String clientId, String datasetId, String taskId, Supplier<T> scoreAndStore) {
        ReentrantLock local = databaseKind == DatabaseKind.POSTGRESQL
                ? null
                : localLocks[Math.floorMod(clientId.hashCode(), localLocks.length)];
        if (local != null) {
            local.lock();
        }
        try {
            return transaction.execute(status -> {
                if (local == null) {
                    jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, LOCK_CLASS, clientId);
                }
                Instant now = clock.instant();
                List<Instant> today = submissions.heldOutSince(clientId, now.minus(DAY));
                if (today.size() >= dailyCap) {
                    Duration retryAfter = retryAfter(today, dailyCap, DAY, now);
                    throw new Exhausted(
                            "Held-out scoring is limited to " + dailyCap
                                    + " per client within a day across all dataset "
                                    + "versions and tasks (transitionnet.benchmark.held-out-daily-cap); this client has used them. Score on the tuning "
                                    + "split meanwhile, or retry after " + retryAfterSeconds(retryAfter) + " s.",
                            retryAfter);
                }
                Duration retryAfter = null;
                for (List<Instant> used : submissions
                        .heldOutUseBySource(clientId, datasetId, taskId, now.minus(window))
                        .values()) {
                    if (used.size() >= limit) {
                        Duration frees = retryAfter(used, limit, window, now);
                        retryAfter = retryAfter == null || frees.compareTo(retryAfter) > 0 ? frees : retryAfter;
                    }
                }
                if (retryAfter != null) {
                    throw new Exhausted(
                            "Held-out scoring is limited to " + limit
                                    + " scorings of each held-out record per client within "
                                    + window
                                    + " (transitionnet.benchmark.held-out-evaluations, held-out-window), counted across every dataset "
                                    + "version holding the record; this client has used them for held-out records of "
                                    + taskId + " in " + datasetId
                                    + ". Score on the tuning split meanwhile, or retry after "
                                    + retryAfterSeconds(retryAfter) + " s.",
                            retryAfter);
                }
                return scoreAndStore.get();
            });
        } finally {
            if (local != null) {
                local.unlock();
            }
        }
    }

    public int dailyCap() {
        return dailyCap;
    }

    /** When a place frees up: once enough of the oldest counted scorings (sorted) have left the window. */
    private static Duration retryAfter(List<Instant> used, int limit, Duration window, Instant now) {
        Instant frees = limit <= 0 || used.isEmpty()
                ? now.plus(window)
                : used.get(used.size() - limit).plus(window);
        return Duration.between(now, frees);
    }

    /** Whole seconds, at least 1, for a Retry-After header. */
    public static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
