package org.transitionnet.server.mapping;

import java.math.BigDecimal;
import java.util.List;

/**
 * A measured state variable (HbA1c, LDL cholesterol, ...) as the catalogue defines it: which codes
 * measure it, its canonical unit, which way is desirable and how big a change is meaningful, and the
 * windows around an action start in which baseline and follow-up measurements are looked for.
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
		int followUpMaxDaysAfter) {

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
