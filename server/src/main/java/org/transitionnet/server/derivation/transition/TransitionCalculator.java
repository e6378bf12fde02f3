package org.transitionnet.server.derivation.transition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.record.facts.EventFact;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.record.patient.DerivedResources;

/**
 * Derives the transition of one state variable around one action episode, or says why it cannot:
 * the baseline is the measurement nearest before the start within the baseline window, the follow-up
 * the first measurement within the follow-up window.
 */
public class TransitionCalculator {

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private final MappingCatalogue catalog;

    public TransitionCalculator(MappingCatalogue catalog) {
        this.catalog = catalog;
    }

    /** Context shared by every transition of one patient. */
    public record PatientContext(String patientId, List<ActionEpisode> episodes, List<EventFact> events) {}

    /** Either a transition or the reason there is none. */
    public record Outcome(Transition transition, NotDerived notDerived) {}

    public Outcome calculate(
            PatientContext patient,
            ActionEpisode episode,
            StateVariable variable,
            ActionClass ruleClass,
            List<StateMeasurement> measurementsOfVariable) {
        Instant start = episode.start();
        Instant baselineFrom = start.minus(Duration.ofDays(variable.baselineDaysBefore()));
        Instant followFrom = start.plus(Duration.ofDays(variable.followUpMinDaysAfter()));
        Instant followTo = start.plus(Duration.ofDays(variable.followUpMaxDaysAfter()));

        List<StateMeasurement> baselineWindow = within(measurementsOfVariable, baselineFrom, start);
        if (baselineWindow.isEmpty()) {
            return notDerived(
                    patient,
                    episode,
                    variable,
                    "no " + variable.id() + " measurement in the " + variable.baselineDaysBefore()
                            + " days before the action started on " + start);
        }
        if (episode.end() != null && episode.end().isBefore(followFrom)) {
            return notDerived(
                    patient,
                    episode,
                    variable,
                    "the action ended on " + episode.end() + ", before the follow-up window opened (day "
                            + variable.followUpMinDaysAfter() + ")");
        }
        List<StateMeasurement> followUpWindow = within(measurementsOfVariable, followFrom, followTo);
        if (followUpWindow.isEmpty()) {
            return notDerived(
                    patient,
                    episode,
                    variable,
                    "no " + variable.id() + " measurement between day " + variable.followUpMinDaysAfter() + " and day "
                            + variable.followUpMaxDaysAfter() + " after the action started on " + start);
        }
        StateMeasurement baseline = baselineWindow.get(baselineWindow.size() - 1);
        StateMeasurement followUp = followUpWindow.get(0);

        BigDecimal delta = followUp.value().subtract(baseline.value(), PRECISION);
        BigDecimal relative = baseline.value().signum() == 0
                ? null
                : delta.multiply(BigDecimal.valueOf(100)).divide(baseline.value(), 1, RoundingMode.HALF_UP);
        Direction direction = direction(variable, delta);

        List<ActionEpisode> coInterventions = new ArrayList<>();
        int sameVariable = 0;
        for (ActionEpisode other : patient.episodes()) {
            if (other != episode && other.overlaps(start, followUp.time())) {
                coInterventions.add(other);
                if (catalog.isExpectedToMove(other.actionClass(), variable)) {
                    sameVariable++;
                }
            }
        }
        BigDecimal spread = standardDeviation(baselineWindow).max(standardDeviation(followUpWindow));
        BigDecimal confidence = ConfidenceScore.compute(
                variable,
                DayOffsets.between(baseline.time(), start),
                DayOffsets.between(start, followUp.time()),
                baselineWindow.size(),
                followUpWindow.size(),
                spread.doubleValue(),
                sameVariable,
                coInterventions.size() - sameVariable);

        Transition transition = new Transition(
                stableId(patient.patientId(), episode, variable),
                patient.patientId(),
                episode,
                variable,
                ruleClass,
                baseline,
                followUp,
                baselineWindow.size(),
                followUpWindow.size(),
                spread.setScale(4, RoundingMode.HALF_UP),
                delta.stripTrailingZeros(),
                relative,
                DayOffsets.between(baseline.time(), followUp.time()),
                direction,
                confidence,
                coInterventions,
                adverseEvents(patient, start, followUp.time()),
                catalog.version());
        return new Outcome(transition, null);
    }

    /** Same patient, episode (anchor and class) and variable → same id, so re-derivation updates in place. */
    public static String stableId(String patientId, ActionEpisode episode, StateVariable variable) {
        return StableIds.of(
                DerivedResources.OBSERVATION_ID_PREFIX,
                patientId,
                episode.anchor(),
                episode.actionClass().id(),
                variable.id());
    }

    static Direction direction(StateVariable variable, BigDecimal delta) {
        if (delta.abs().compareTo(variable.minimalMeaningfulChange()) < 0) {
            return Direction.UNCHANGED;
        }
        boolean decreased = delta.signum() < 0;
        boolean wantDecrease = variable.desirableDirection() == StateVariable.DesirableDirection.DECREASE;
        return decreased == wantDecrease ? Direction.IMPROVED : Direction.WORSENED;
    }

    /** New Conditions (no earlier one with a shared code) and AdverseEvents in (start, end], oldest first. */
    private List<AdverseEventRef> adverseEvents(PatientContext patient, Instant start, Instant end) {
        List<AdverseEventRef> events = new ArrayList<>();
        for (EventFact event : patient.events()) {
            if (event.time().isAfter(start)
                    && !event.time().isAfter(end)
                    && (!event.isCondition() || isNew(event, patient.events()))) {
                events.add(new AdverseEventRef(event.source(), event.code(), event.time()));
            }
        }
        events.sort(Comparator.comparing(AdverseEventRef::time).thenComparing(AdverseEventRef::reference));
        return events;
    }

    /** A condition is new unless the patient had one with the same code before it. */
    private static boolean isNew(EventFact condition, List<EventFact> all) {
        for (EventFact other : all) {
            if (other != condition
                    && other.isCondition()
                    && other.time().isBefore(condition.time())
                    && condition.sharesCodeWith(other)) {
                return false;
            }
        }
        return true;
    }

    private static List<StateMeasurement> within(List<StateMeasurement> sorted, Instant from, Instant to) {
        return sorted.stream()
                .filter(m -> !m.time().isBefore(from) && !m.time().isAfter(to))
                .toList();
    }

    /**
     * Sample standard deviation in decimal arithmetic (16 significant digits), which cannot overflow the
     * way doubles do (a 1e300 among ordinary values squares to infinity).
     */
    static BigDecimal standardDeviation(List<StateMeasurement> measurements) {
        if (measurements.size() < 2) {
            return BigDecimal.ZERO;
        }
        BigDecimal n = BigDecimal.valueOf(measurements.size());
        BigDecimal mean = measurements.stream()
                .map(StateMeasurement::value)
                .reduce(BigDecimal.ZERO, (a, b) -> a.add(b, PRECISION))
                .divide(n, PRECISION);
        BigDecimal squares = measurements.stream()
                .map(m -> m.value().subtract(mean, PRECISION).pow(2, PRECISION))
                .reduce(BigDecimal.ZERO, (a, b) -> a.add(b, PRECISION));
        return squares.divide(n.subtract(BigDecimal.ONE), PRECISION).sqrt(PRECISION);
    }

    private static Outcome notDerived(
            PatientContext patient, ActionEpisode episode, StateVariable variable, String reason) {
        return new Outcome(
                null,
                new NotDerived(
                        patient.patientId(),
                        episode.anchor(),
                        episode.actionClass().id(),
                        variable.id(),
                        reason));
    }
}
