package org.transitionnet.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How finely a state variable's values may be released (research exports, benchmark datasets): rounded to a
 * clinically meaningful step, and the tails top- and bottom-coded at percentiles of the released population.
 * Exact source values are rare enough to single a subject out and, as a set, to link two releases of the same
 * population; a value rounded to what a clinician would distinguish anyway is shared by many subjects.
 *
 * @param precision        the step released values are rounded to (half up), in the canonical unit; positive
 * @param bottomPercentile values below this percentile of the release's values are released as that percentile
 *                         (0: no bottom-coding)
 * @param topPercentile    values above this percentile are released as that percentile (100: no top-coding)
 */
public record ReleasePrecision(BigDecimal precision, double bottomPercentile, double topPercentile) {

    /** The value rounded half up to the nearest multiple of {@link #precision}, without trailing zeros. */
    public BigDecimal round(BigDecimal value) {
        BigDecimal steps = value.divide(precision, 0, RoundingMode.HALF_UP);
        BigDecimal rounded = steps.multiply(precision).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
