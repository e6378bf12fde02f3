package org.transitionnet.server.product.benchmark.evaluate;

/**
 * What a model predicts for one record: the probabilities of the three directions (improved,
 * unchanged, worsened; they add up to 1), the change in the task's unit with an interval, and the
 * probability that an adverse event is recorded in the follow-up window. Kept as plain numbers so a
 * submission of 200,000 predictions stays small.
 *
 * @param low  lower end of the change interval (at most {@code high})
 * @param high upper end of the change interval
 */
public record Prediction(
        double improved,
        double unchanged,
        double worsened,
        double change,
        double low,
        double high,
        double adverseEvent) {

    /**
     * The stand-in for a record without a prediction: nothing known. Uniform directions, no change with a
     * zero-width interval, an adverse-event probability of one half. Metrics that make a decision
     * (accuracy, coverage, recall) count a missing record as a miss on top of that; see {@link Metrics}.
     */
    public static final Prediction UNINFORMATIVE = new Prediction(1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0, 0, 0.5);

    /** The probability of a direction by its index in {@link Metrics#DIRECTIONS}. */
    public double probability(int direction) {
        return switch (direction) {
            case 0 -> improved;
            case 1 -> unchanged;
            case 2 -> worsened;
            default -> throw new IllegalArgumentException("no direction " + direction);
        };
    }
}
