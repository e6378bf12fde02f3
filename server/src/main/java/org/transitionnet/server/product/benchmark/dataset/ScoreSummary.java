package org.transitionnet.server.product.benchmark.dataset;

import java.util.Map;

/**
 * The scores of one submission (or baseline) on one task and split, as stored and listed.
 *
 * @param metrics   metric name (as tasks list them) to value; a metric that cannot be computed (one class only,
 *                  nothing submitted) is absent
 * @param predicted records with a prediction
 * @param missing   records of the split without one (scored as wrong, never ignored)
 */
public record ScoreSummary(
        String taskId,
        String split,
        String modelName,
        boolean baseline,
        Map<String, Double> metrics,
        int predicted,
        int missing) {}
