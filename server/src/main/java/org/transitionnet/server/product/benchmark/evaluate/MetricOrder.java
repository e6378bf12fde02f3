package org.transitionnet.server.product.benchmark.evaluate;

import org.transitionnet.server.product.benchmark.metric.Metric;
import org.transitionnet.server.product.benchmark.metric.MetricRegistry;

/**
 * Which way is better for each metric, so a leaderboard ranks by a task's declared metrics; each
 * metric's direction is declared once in {@link MetricRegistry} (skill, accuracies, coverage, AUROC and
 * recall are better higher; errors, widths, ECE and Brier lower). A name the registry does not know
 * counts as higher-better, as before.
 */
public final class MetricOrder {

    private MetricOrder() {}

    public static boolean higherIsBetter(String metric) {
        return MetricRegistry.find(metric).map(Metric::higherIsBetter).orElse(true);
    }

    /** {@code higher-better} or {@code lower-better}, as answers state it. */
    public static String describe(String metric) {
        return higherIsBetter(metric) ? "higher-better" : "lower-better";
    }
}
