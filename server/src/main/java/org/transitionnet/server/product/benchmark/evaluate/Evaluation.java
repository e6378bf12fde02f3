package org.transitionnet.server.product.benchmark.evaluate;

import java.util.List;
import java.util.Map;

/**
 * The scores of one set of predictions on one split: aggregates only, never a record's label or
 * whether a record was predicted right.
 *
 * @param metrics     metric name (as tasks list them) to value, in a fixed order; absent when it cannot be computed
 * @param reliability the ten bins of the reliability table
 * @param predicted   records of the split with a prediction
 * @param missing     records of the split without one (scored with the uninformative stand-in)
 */
public record Evaluation(Map<String, Double> metrics, List<ReliabilityBin> reliability, int predicted, int missing) {

    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        reliability = List.copyOf(reliability);
    }
}
