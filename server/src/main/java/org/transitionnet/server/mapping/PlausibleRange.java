package org.transitionnet.server.mapping;

import java.math.BigDecimal;

/**
 * The values of a state variable that a measurement can plausibly have, in its canonical unit, both
 * ends included. A value outside is a data-entry error or a poison value, not a measurement: derivation
 * leaves it out (and says so) instead of letting one absurd number decide a transition or overflow the
 * arithmetic.
 */
public record PlausibleRange(BigDecimal min, BigDecimal max) {

	public PlausibleRange {
		if (min == null || max == null || min.compareTo(max) > 0) {
			throw new IllegalArgumentException("a plausible range needs min <= max, got [" + min + ", " + max + "]");
		}
	}

	public boolean contains(BigDecimal value) {
		return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
	}

	@Override
	public String toString() {
		return "[" + min.toPlainString() + ", " + max.toPlainString() + "]";
	}
}
