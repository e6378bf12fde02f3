package org.transitionnet.server.product.benchmark.metric;

/**
 * One benchmark metric as the rest of the server sees it: its name (as tasks, answers and leaderboards
 * spell it), which way is better, and whether it is a skill-type score (relative to a reference on the
 * same records), which is what a task may rank by first. The arithmetic stays in the evaluator; this is
 * the metric's identity, declared once in {@link MetricRegistry}.
 */
public interface Metric {

    String name();

    boolean higherIsBetter();

    /** A score relative to a reference on the same records, so 0 means "no better than the reference". */
    boolean skill();

    static Metric of(String name, boolean higherIsBetter, boolean skill) {
        return new Declared(name, higherIsBetter, skill);
    }

    /** The plain declaration {@link #of} returns. */
    record Declared(String name, boolean higherIsBetter, boolean skill) implements Metric {}
}
