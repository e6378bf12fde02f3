package org.transitionnet.server.product.benchmark.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of benchmark metrics. The task loader validates task files against it, the evaluator
 * names its results from it and leaderboards read each metric's better direction from it, so a new
 * metric is declared here once (and computed in the evaluator) instead of being listed in several
 * places that can drift apart. It lives outside {@code benchmark.task} and {@code benchmark.evaluate}
 * so both read it without depending on each other.
 */
public final class MetricRegistry {

    public static final Metric MAE_SKILL = Metric.of("mae-skill", true, true);
    public static final Metric DIRECTIONAL_ACCURACY = Metric.of("directional-accuracy", true, false);
    public static final Metric BALANCED_ACCURACY = Metric.of("balanced-accuracy", true, false);
    public static final Metric MAE = Metric.of("mae", false, false);
    public static final Metric INTERVAL_COVERAGE = Metric.of("interval-coverage", true, false);
    public static final Metric INTERVAL_WIDTH = Metric.of("interval-width", false, false);
    public static final Metric ECE = Metric.of("ece", false, false);
    public static final Metric BRIER = Metric.of("brier", false, false);
    public static final Metric AUROC = Metric.of("auroc", true, false);
    public static final Metric RECALL = Metric.of("recall-at-operating-point", true, false);

    /** Every metric, in the order answers list them. */
    private static final List<Metric> ALL = List.of(
            MAE_SKILL,
            DIRECTIONAL_ACCURACY,
            BALANCED_ACCURACY,
            MAE,
            INTERVAL_COVERAGE,
            INTERVAL_WIDTH,
            ECE,
            BRIER,
            AUROC,
            RECALL);

    private static final Map<String, Metric> BY_NAME = index();

    private MetricRegistry() {}

    public static List<Metric> all() {
        return ALL;
    }

    /** Every metric's name, in the order answers list them. */
    public static List<String> names() {
        return ALL.stream().map(Metric::name).toList();
    }

    /** The skill-type metrics' names; a task's primary ranking metric is one of them. */
    public static List<String> skillNames() {
        return ALL.stream().filter(Metric::skill).map(Metric::name).toList();
    }

    public static Optional<Metric> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    public static boolean isSkill(String name) {
        return find(name).map(Metric::skill).orElse(false);
    }

    private static Map<String, Metric> index() {
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (Metric m : ALL) {
            if (byName.put(m.name(), m) != null) {
                throw new IllegalStateException("metric '" + m.name() + "' is declared twice");
            }
        }
        return Map.copyOf(byName);
    }
}
