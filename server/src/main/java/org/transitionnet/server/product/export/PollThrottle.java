package org.transitionnet.server.product.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bulk Data clients must respect Retry-After; a client that polls one export faster than the
 * minimum interval is answered 429. Kept per node: a client hitting another node may poll a little
 * more often, which is harmless.
 */
public class PollThrottle {

    private final Duration minInterval;
    private final Clock clock;
    private final Map<String, Instant> lastPoll = new ConcurrentHashMap<>();

    public PollThrottle(Duration minInterval, Clock clock) {
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /** Records the poll; false when it came too soon after the previous one. */
    public boolean tryPoll(String exportId) {
        Instant now = clock.instant();
        Instant[] previous = new Instant[1];
        lastPoll.compute(exportId, (id, last) -> {
            previous[0] = last;
            return last != null && Duration.between(last, now).compareTo(minInterval) < 0 ? last : now;
        });
        return previous[0] == null || Duration.between(previous[0], now).compareTo(minInterval) >= 0;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (minInterval.toMillis() + 999) / 1000);
    }

    public void forget(String exportId) {
        lastPoll.remove(exportId);
    }
}
