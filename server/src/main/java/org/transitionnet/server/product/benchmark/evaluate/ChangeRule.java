package org.transitionnet.server.product.benchmark.evaluate;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.transitionnet.catalogue.StateVariable;

/**
 * The catalogue's direction rule for a change (the one derivation labels with: smaller than the minimal
 * meaningful change is unchanged, otherwise improved when it goes the desirable way) and the quantiles
 * the baselines' intervals come from, so the baselines speak the labels' language.
 */
public final class ChangeRule {

    private final double minimalMeaningfulChange;
    private final boolean decreaseIsBetter;

    public ChangeRule(StateVariable variable) {
        this(
                variable.minimalMeaningfulChange().doubleValue(),
                variable.desirableDirection() == StateVariable.DesirableDirection.DECREASE);
    }

    public ChangeRule(double minimalMeaningfulChange, boolean decreaseIsBetter) {
        this.minimalMeaningfulChange = minimalMeaningfulChange;
        this.decreaseIsBetter = decreaseIsBetter;
    }

    /** The index in {@link Metrics#DIRECTIONS} of a change. */
    public int direction(double change) {
        if (Math.abs(change) < minimalMeaningfulChange) {
            return 1;
        }
        return (change < 0) == decreaseIsBetter ? 0 : 2;
    }

    /**
     * The lower and upper quantile of a central interval at {@code level} (e.g. 0.9: the 5th and 95th
     * percentiles), Hyndman–Fan type 7 (linear interpolation, as R and NumPy by default).
     */
    public static double[] centralInterval(double[] values, double level) {
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(values);
        double tail = (1 - level) / 2;
        return new double[] {percentile.evaluate(tail * 100), percentile.evaluate((1 - tail) * 100)};
    }
}
