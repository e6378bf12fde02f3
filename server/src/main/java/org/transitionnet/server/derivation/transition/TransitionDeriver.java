package org.transitionnet.server.derivation.transition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.record.facts.FactExtractor;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.record.patient.PatientRecord;

/**
 * Derives all transitions of one patient: one per (action episode × state variable its class is
 * expected to move), from the patient's facts. Pure: reads nothing but its input. A full record is
 * first reduced to the same facts the projection stores, so both inputs give the same result.
 * Measurements outside their variable's plausible range are left out and reported as not derived;
 * a transition whose calculation fails is reported as not derived with the reason, so one bad value
 * never costs the patient's other transitions (nor other patients theirs).
 */
public class TransitionDeriver {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TransitionDeriver.class);

    private final MappingCatalogue catalog;
    private final FactExtractor extractor;
    private final EpisodeBuilder episodes;
    private final TransitionCalculator calculator;

    public TransitionDeriver(MappingCatalogue catalog, ObservationClassifier observations, EpisodeBuilder episodes) {
        this(catalog, new FactExtractor(observations, episodes.classifier()), episodes);
    }

    /** With the record layer's fact extractor, so facts projected on write and facts derived from agree. */
    public TransitionDeriver(MappingCatalogue catalog, FactExtractor extractor, EpisodeBuilder episodes) {
        this.catalog = catalog;
        this.extractor = extractor;
        this.episodes = episodes;
        this.calculator = new TransitionCalculator(catalog);
    }

    /** Derivation from full resources (rebuilds of the projection compare against it; tests use it as the oracle). */
    public DerivationResult derive(PatientRecord record) {
        return derive(extractor.fromRecord(record));
    }

    public DerivationResult derive(PatientFacts facts) {
        List<NotDerived> notDerived = new ArrayList<>();
        Map<StateVariable, List<StateMeasurement>> series =
                series(facts.measurements(), m -> notDerived.add(implausible(facts.patientId(), m)));
        List<ActionEpisode> patientEpisodes;
        try {
            patientEpisodes = episodes.build(facts.actions());
        } catch (RuntimeException e) {
            notDerived.add(new NotDerived(
                    facts.patientId(), null, null, null, "derivation failed: " + describe(facts.patientId(), e)));
            return new DerivationResult(facts.patientId(), List.of(), List.of(), notDerived);
        }
        TransitionCalculator.PatientContext context =
                new TransitionCalculator.PatientContext(facts.patientId(), patientEpisodes, facts.events());
        List<Transition> transitions = new ArrayList<>();
        for (ActionEpisode episode : patientEpisodes) {
            for (Map.Entry<StateVariable, ActionClass> effect :
                    catalog.expectedEffects(episode.actionClass()).entrySet()) {
                TransitionCalculator.Outcome outcome;
                try {
                    outcome = calculator.calculate(
                            context,
                            episode,
                            effect.getKey(),
                            effect.getValue(),
                            series.getOrDefault(effect.getKey(), List.of()));
                } catch (RuntimeException e) {
                    notDerived.add(new NotDerived(
                            facts.patientId(),
                            episode.anchor(),
                            episode.actionClass().id(),
                            effect.getKey().id(),
                            "derivation failed: " + describe(facts.patientId(), e)));
                    continue;
                }
                if (outcome.transition() != null) {
                    transitions.add(outcome.transition());
                } else {
                    notDerived.add(outcome.notDerived());
                }
            }
        }
        return new DerivationResult(facts.patientId(), patientEpisodes, transitions, notDerived);
    }

    /** Every plausible measurement of every variable, oldest first (what {@code $trajectory} plots). */
    public Map<StateVariable, List<StateMeasurement>> series(List<StateMeasurement> measurements) {
        return series(measurements, m -> {});
    }

    private Map<StateVariable, List<StateMeasurement>> series(
            List<StateMeasurement> measurements, Consumer<StateMeasurement> excluded) {
        Map<StateVariable, List<StateMeasurement>> series = new HashMap<>();
        for (StateMeasurement m : measurements) {
            if (m.variable().isPlausible(m.value())) {
                series.computeIfAbsent(m.variable(), v -> new ArrayList<>()).add(m);
            } else {
                excluded.accept(m);
            }
        }
        series.values()
                .forEach(list -> list.sort(
                        Comparator.comparing(StateMeasurement::time).thenComparing(StateMeasurement::source)));
        return series;
    }

    private static NotDerived implausible(String patientId, StateMeasurement m) {
        StateVariable v = m.variable();
        return new NotDerived(
                patientId,
                null,
                null,
                v.id(),
                "measurement " + m.source() + " (" + abbreviate(m.value()) + " "
                        + v.canonicalUnit() + ") is outside the plausible range " + v.plausibleRange() + " "
                        + v.canonicalUnit()
                        + " and was left out");
    }

    /** A value as it can be shown: huge or tiny numbers in scientific notation, never thousands of digits. */
    private static String abbreviate(java.math.BigDecimal value) {
        return value.precision() > 20
                ? value.round(new java.math.MathContext(6)).toString()
                : value.toString();
    }

    /** What the answer says about a failure: its kind only; the details go to the log. */
    private static String describe(String patientId, RuntimeException e) {
        log.warn("Derivation failed for patient {}", patientId, e);
        return e.getClass().getSimpleName() + " (details in the server log)";
    }

    public MappingCatalogue catalog() {
        return catalog;
    }

    public FactExtractor extractor() {
        return extractor;
    }

    public List<ActionEpisode> episodes(PatientFacts facts) {
        return episodes.build(facts.actions());
    }
}
