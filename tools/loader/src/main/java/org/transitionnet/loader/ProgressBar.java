package org.transitionnet.loader;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** A single self-overwriting status line on stderr. */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private long lastDrawnNanos;
    private boolean lineOpen;

    public ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** Redraws at most ten times a second, and always for the last bundle. */
    public synchronized void update(int done, int total, long resources, int failures, Duration elapsed) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDrawnNanos < 100_000_000L) {
            return;
        }
        lastDrawnNanos = now;
        out.print('\r' + render(done, total, resources, failures, elapsed));
        lineOpen = true;
        if (done >= total) {
            finish();
        }
        out.flush();
    }

    /** Ends the status line so that later output starts on a fresh line. */
    public synchronized void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    static String render(int done, int total, long resources, int failures, Duration elapsed) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        return String.format(
                Locale.ROOT,
                "[%s] %d/%d bundles  %d resources  %.0f res/s  %ds%s",
                bar,
                done,
                total,
                resources,
                LoadSummary.perSecond(resources, elapsed),
                elapsed.toSeconds(),
                failures > 0 ? "  " + failures + " failed" : "");
    }
}
