package org.transitionnet.loader;

import java.time.Duration;

/** Wall-clock time since creation. */
public final class Stopwatch {

    private final long startNanos = System.nanoTime();

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
