package org.transitionnet.server.product.benchmark.task;

import java.util.List;
import org.transitionnet.server.product.benchmark.metric.MetricRegistry;

/**
 * One benchmark task as its YAML file states it (schema: {@code benchmarks/README.md}): the target state
 * variable and baseline inputs, the intervention's action classes, the follow-up window, the targets
 * and metrics, the split rule, the population limits and the safety boundary shown with every
 * dataset and result. Tasks are data: the server holds no task of its own.
 *
 * @param actionClasses        an episode qualifies when its class, at any level of the hierarchy, is one of these
 * @param minFollowUpDays      follow-up measured at least this many days after the episode start
 * @param maxFollowUpDays      and at most this many
 * @param changeUnit           the unit of the change target (the target variable's canonical unit)
 * @param intervalLevel        the coverage a submitted change interval claims (e.g. 0.90)
 * @param minHeldOutSubjects   a task with fewer held-out subjects is refused, not published
 * @param minHeldOutRecords    a task with fewer held-out records is refused, not published (0: the server's
 *                             {@code transitionnet.benchmark.min-held-out-records} alone; never below it)
 * @param primaryMetric        the metric the leaderboard ranks by (in its better direction), a skill-type metric
 * @param secondaryMetrics     the metrics that break ties on the primary, in order
 */
public record BenchmarkTask(
        String id,
        String version,
        String title,
        String description,
        String targetVariable,
        List<InputVariable> baselineInputs,
        List<String> demographics,
        List<String> actionClasses,
        int minFollowUpDays,
        int maxFollowUpDays,
        List<String> directionValues,
        String changeUnit,
        double intervalLevel,
        List<String> metrics,
        SplitRule split,
        int minHeldOutSubjects,
        String safetyBoundary,
        int minHeldOutRecords,
        String primaryMetric,
        List<String> secondaryMetrics) {

    public BenchmarkTask {
        baselineInputs = List.copyOf(baselineInputs);
        demographics = List.copyOf(demographics);
        actionClasses = List.copyOf(actionClasses);
        directionValues = List.copyOf(directionValues);
        metrics = List.copyOf(metrics);
        secondaryMetrics = List.copyOf(secondaryMetrics);
    }

    /** A task ranked by its first listed metric, then the others, with no held-out record minimum of its own. */
    public BenchmarkTask(
            String id,
            String version,
            String title,
            String description,
            String targetVariable,
            List<InputVariable> baselineInputs,
            List<String> demographics,
            List<String> actionClasses,
            int minFollowUpDays,
            int maxFollowUpDays,
            List<String> directionValues,
            String changeUnit,
            double intervalLevel,
            List<String> metrics,
            SplitRule split,
            int minHeldOutSubjects,
            String safetyBoundary) {
        this(
                id,
                version,
                title,
                description,
                targetVariable,
                baselineInputs,
                demographics,
                actionClasses,
                minFollowUpDays,
                maxFollowUpDays,
                directionValues,
                changeUnit,
                intervalLevel,
                metrics,
                split,
                minHeldOutSubjects,
                safetyBoundary,
                0,
                metrics.isEmpty() ? MetricRegistry.MAE_SKILL.name() : metrics.get(0),
                metrics.size() > 1 ? metrics.subList(1, metrics.size()) : List.of());
    }

    /** The primary metric, then the secondary ones: the leaderboard's order of comparison. */
    public List<String> rankingMetrics() {
        List<String> all = new java.util.ArrayList<>();
        all.add(primaryMetric);
        all.addAll(secondaryMetrics);
        return all;
    }

    /** Whether a follow-up this many days after the episode start lies in the task's window. */
    public boolean inFollowUpWindow(long days) {
        return days >= minFollowUpDays && days <= maxFollowUpDays;
    }
}
