package org.transitionnet.server.derivation.transition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.transitionnet.catalogue.StateVariable;

/**
 * The confidence of a transition, in (0, 1]: how well the recorded data pin down the change, not how
 * likely the action caused it. The product of four factors (documented in the IG):
 * <ul>
 *   <li><b>proximity</b> = (1 − ½·b/W<sub>b</sub>) · (1 − ½·(f − F<sub>min</sub>)/(F<sub>max</sub> − F<sub>min</sub>)):
 *       b days from baseline measurement to action start in a baseline window of W<sub>b</sub> days;
 *       f days from action start to follow-up measurement in the follow-up window [F<sub>min</sub>, F<sub>max</sub>];</li>
 *   <li><b>density</b> = 0.8 + 0.1·[two or more baseline measurements] + 0.1·[two or more follow-up measurements];</li>
 *   <li><b>spread</b> = 1 / (1 + σ / MMC): σ the larger sample standard deviation within either window,
 *       MMC the variable's minimal meaningful change;</li>
 *   <li><b>confounding</b> = 0.8<sup>k</sup> · 0.95<sup>m</sup>, at least 0.2: k co-interventions expected
 *       to move the same variable, m other co-interventions.</li>
 * </ul>
 */
public final class ConfidenceScore {

    private ConfidenceScore() {}

    public static BigDecimal compute(
            StateVariable variable,
            long baselineDaysBeforeStart,
            long followUpDaysAfterStart,
            int baselineCount,
            int followUpCount,
            double spread,
            int sameVariableCoInterventions,
            int otherCoInterventions) {
        double baselineProximity = variable.baselineDaysBefore() == 0
                ? 1.0
                : 1.0 - 0.5 * clamp((double) baselineDaysBeforeStart / variable.baselineDaysBefore());
        int followUpWidth = variable.followUpMaxDaysAfter() - variable.followUpMinDaysAfter();
        double followUpProximity = followUpWidth == 0
                ? 1.0
                : 1.0
                        - 0.5
                                * clamp((double) (followUpDaysAfterStart - variable.followUpMinDaysAfter())
                                        / followUpWidth);
        double density = 0.8 + (baselineCount >= 2 ? 0.1 : 0) + (followUpCount >= 2 ? 0.1 : 0);
        // A spread too large for a double (or none that can be computed) leaves nothing of the confidence.
        double spreadFactor = Double.isFinite(spread)
                ? 1.0 / (1.0 + spread / variable.minimalMeaningfulChange().doubleValue())
                : 0.0;
        double confounding =
                Math.max(0.2, Math.pow(0.8, sameVariableCoInterventions) * Math.pow(0.95, otherCoInterventions));
        double score = baselineProximity * followUpProximity * density * spreadFactor * confounding;
        if (!Double.isFinite(score)) {
            score = 0.0;
        }
        return BigDecimal.valueOf(Math.max(0.0, Math.min(1.0, score))).setScale(3, RoundingMode.HALF_UP);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
