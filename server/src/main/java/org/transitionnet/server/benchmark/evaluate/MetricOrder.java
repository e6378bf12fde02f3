package org.transitionnet.server.benchmark.evaluate;

import java.util.Set;

/**
 * Which way is better for each metric, so a leaderboard ranks by a task's declared metrics:
 * skill, accuracies, coverage, AUROC and recall are better higher; errors, widths, ECE and Brier lower.
 */
public final class MetricOrder {

	private static final Set<String> LOWER_IS_BETTER = Set.of(Metrics.MAE, Metrics.INTERVAL_WIDTH, Metrics.ECE, Metrics.BRIER);

	private MetricOrder() {
	}

	public static boolean higherIsBetter(String metric) {
		return !LOWER_IS_BETTER.contains(metric);
	}

	/** {@code higher-better} or {@code lower-better}, as answers state it. */
	public static String describe(String metric) {
		return higherIsBetter(metric) ? "higher-better" : "lower-better";
	}
}
