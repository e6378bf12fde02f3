package org.transitionnet.server.benchmark.evaluate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.config.DatabaseKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The held-out rate limit: at most {@code limit} held-out scorings per client, dataset version and task
 * within {@code window}, so the held-out labels cannot be probed by many submissions. The count is of
 * stored rows, so it holds across server nodes and restarts; the check and the new row are in one
 * transaction under a lock per client, dataset and task (a PostgreSQL transaction-scoped advisory lock;
 * on the single-node embedded database a lock in this process), so two concurrent submissions cannot
 * both take the last place. Submissions refused as invalid never reach it and do not count.
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
	private final Clock clock;
	private final ReentrantLock[] localLocks = new ReentrantLock[64];

	public HeldOutQuota(JdbcTemplate jdbc, TransactionTemplate transaction, DatabaseKind databaseKind, SubmissionStore submissions, int limit,
			Duration window, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.databaseKind = databaseKind;
		this.submissions = submissions;
		this.limit = limit;
		this.window = window;
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
	 * Runs {@code scoreAndStore} in one transaction when the client has a held-out scoring left; it must
	 * store the new row, which then counts.
	 *
	 * @return what {@code scoreAndStore} returned
	 * @throws Exhausted when the limit is reached (nothing is run or stored)
	 */
	public <T> T admit(String clientId, String datasetId, String taskId, Supplier<T> scoreAndStore) {
		String key = clientId + "|" + datasetId + "|" + taskId;
		ReentrantLock local = databaseKind == DatabaseKind.POSTGRESQL ? null : localLocks[Math.floorMod(key.hashCode(), localLocks.length)];
		if (local != null) {
			local.lock();
		}
		try {
			return transaction.execute(status -> {
				if (local == null) {
					jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, LOCK_CLASS, key);
				}
				Instant now = clock.instant();
				List<Instant> used = submissions.heldOutSince(clientId, datasetId, taskId, now.minus(window));
				if (used.size() >= limit) {
					// The place frees up when enough of the oldest counted scorings have left the window.
					Instant frees = limit <= 0 || used.isEmpty() ? now.plus(window) : used.get(used.size() - limit).plus(window);
					Duration retryAfter = Duration.between(now, frees);
					throw new Exhausted("Held-out scoring is limited to " + limit + " per client, dataset version and task within "
							+ window + " (transitionnet.benchmark.held-out-evaluations, held-out-window); this client has used them for "
							+ taskId + " in " + datasetId + ". Score on the tuning split meanwhile, or retry after "
							+ retryAfterSeconds(retryAfter) + " s.", retryAfter);
				}
				return scoreAndStore.get();
			});
		} finally {
			if (local != null) {
				local.unlock();
			}
		}
	}

	/** Whole seconds, at least 1, for a Retry-After header. */
	public static long retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
		return Math.max(1, seconds);
	}
}
