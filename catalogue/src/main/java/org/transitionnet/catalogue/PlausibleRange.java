package org.transitionnet.catalogue;

import java.math.BigDecimal;

/**
 * The values of a state variable that a measurement can plausibly have, in its canonical unit, both
 * ends included. A value outside is a data-entry error or a poison value, not a measurement:
 * derivation leaves it out (and says so) instead of letting one absurd number decide a transition.
 * An empty range (min above max) is reported by {@link CatalogueChecker}.
 */
public record PlausibleRange(BigDecimal min, BigDecimal max) {

    public boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    @Override
    public String toString() {
        return "[" + min.toPlainString() + ", " + max.toPlainString() + "]";
    }
}
