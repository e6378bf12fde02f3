package org.transitionnet.server.derivation.transition;

import java.time.Duration;
import java.time.Instant;

/** Whole-day distances, the only time unit transitions report (never calendar dates in research output). */
public final class DayOffsets {

    private DayOffsets() {}

    /** Whole days from {@code from} to {@code to}, negative when {@code to} is earlier, rounded toward zero. */
    public static long between(Instant from, Instant to) {
        return Duration.between(from, to).toDays();
    }
}
