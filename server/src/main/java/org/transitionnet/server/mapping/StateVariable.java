package org.transitionnet.server.mapping;

import java.math.BigDecimal;
import java.util.List;

/**
 * A measured state variable (HbA1c, LDL cholesterol, ...) as the catalogue defines it: which codes
 * measure it, its canonical unit, which way is desirable and how big a change is meaningful, and the
 * windows around an action start in which baseline and follow-up measurements are looked for, and the
 * values a measurement can plausibly have.
 *
 * @param plausibleRange values outside it are not used for derivation; {@code null} when the catalogue
 *                       declares none (every catalogue the IG build accepts declares one)
 */
public record StateVariable(
		String id,
		String display,
		List<Measurement> measurements,
		String canonicalUnit,
		List<String> acceptedUnits,
		BigDecimal molarMass,
		DesirableDirection desirableDirection,
		BigDecimal minimalMeaningfulChange,
		int baselineDaysBefore,
		int followUpMinDaysAfter,
		int followUpMaxDaysAfter,
		PlausibleRange plausibleRange) {

	/** Whether a value in the canonical unit may be used for derivation. */
	public boolean isPlausible(java.math.BigDecimal value) {
		return plausibleRange == null || plausibleRange.contains(value);
	}

	public enum DesirableDirection {
		DECREASE,
		INCREASE
	}

	/**
	 * One way of measuring the variable: an Observation with {@code code}, or, where {@code component}
	 * is set, the component with that code inside such an Observation (blood pressure panels).
	 */
	public record Measurement(CodeRef code, CodeRef component) {

		public boolean isComponent() {
			return component != null;
		}
	}
}
