package org.transitionnet.server.product.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PollThrottleTest {

    @Test
    void pollsCloserThanTheIntervalAreRefusedAndDoNotResetTheWindow() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        PollThrottle throttle = new PollThrottle(Duration.ofSeconds(2), clock);
        assertThat(throttle.tryPoll("e1")).isTrue();
        now.set(now.get().plusMillis(500));
        assertThat(throttle.tryPoll("e1")).isFalse();
        assertThat(throttle.tryPoll("e2")).as("other exports are independent").isTrue();
        now.set(now.get().plusMillis(1600));
        assertThat(throttle.tryPoll("e1")).isTrue();
        assertThat(throttle.retryAfterSeconds()).isEqualTo(2);
    }
}
