package org.transitionnet.catalogue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A measured state variable (HbA1c, LDL cholesterol, ...) as the catalogue defines it: which codes
 * measure it, its canonical unit, which way is desirable and how big a change is meaningful, the
 * windows around an action start in which baseline and follow-up measurements are looked for, and
 * the values a measurement can plausibly have. See mappings/README.md for each field.
 *
 * @param plausibleRange values outside it are not used for derivation; the loader requires one, a
 *                       catalogue built in code may leave it {@code null} (every value plausible)
 * @param release        how finely its values are released; the loader requires one, a catalogue built in
 *                       code may leave it {@code null} (values released as measured)
 */
public record StateVariable(
        String id,
        String display,
        String definition,
        List<Measurement> measurements,
        String canonicalUnit,
        List<String> acceptedUnits,
        BigDecimal molarMass,
        DesirableDirection desirableDirection,
        BigDecimal minimalMeaningfulChange,
        int baselineDaysBefore,
        int followUpMinDaysAfter,
        int followUpMaxDaysAfter,
        PlausibleRange plausibleRange,
        ReleasePrecision release) {

    /** Whether a value in the canonical unit may be used for derivation. */
    public boolean isPlausible(BigDecimal value) {
        return plausibleRange == null || plausibleRange.contains(value);
    }

    /** The same variable without a plausible range. */
    public StateVariable withoutPlausibleRange() {
        return new StateVariable(
                id,
                display,
                definition,
                measurements,
                canonicalUnit,
                acceptedUnits,
                molarMass,
                desirableDirection,
                minimalMeaningfulChange,
                baselineDaysBefore,
                followUpMinDaysAfter,
                followUpMaxDaysAfter,
                null,
                release);
    }

    /** The direction of change the research conventions call an improvement. */
    public enum DesirableDirection {
        DECREASE,
        INCREASE;

        /** As written in the catalogue and the published terminology: {@code decrease} or {@code increase}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
