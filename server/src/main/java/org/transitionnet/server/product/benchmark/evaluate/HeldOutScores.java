package org.transitionnet.server.product.benchmark.evaluate;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a held-out scoring answers, the only form in which held-out scores leave the server: the task's
 * declared metrics rounded ({@link HeldOutRelease#round}) with a bootstrap interval each, released
 * through the ladder ({@link HeldOutRelease#ladder}). Nothing per record, no reliability table, no
 * counts of predicted records. The exact scores stay in the stored row and are never answered.
 *
 * @param metrics            reported scores by metric name, rounded; empty when none are reported
 * @param intervals          their bootstrap intervals, rounded the same way
 * @param withheld           why no score was computed (too few held-out records), or null
 * @param released           whether this submission's own scores are reported (it improved on the client's best
 *                           released scores by more than {@code step}); otherwise the client's best released scores are
 *                           reported again (or none, when the client has no release on these records yet)
 * @param step               the ladder's step η this submission had to beat the best released primary score by
 * @param reportedSubmission the submission whose scores are reported, or null when none are
 * @param reportedAt         when that submission was scored, or null
 */
public record HeldOutScores(
        Map<String, Double> metrics,
        Map<String, Interval> intervals,
        String withheld,
        boolean released,
        double step,
        String reportedSubmission,
        Instant reportedAt) {

    /** A rounded percentile bootstrap interval. */
    public record Interval(double low, double high) {}

    public HeldOutScores {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
    }

    /** No score computed: the held-out split is too small for any aggregate. */
    public static HeldOutScores withheld(String reason) {
        return new HeldOutScores(Map.of(), Map.of(), reason, false, 0, null, null);
    }
}
