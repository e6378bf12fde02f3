package org.transitionnet.server.transition;

import org.transitionnet.server.facts.FactExtractor;
import org.transitionnet.server.facts.PatientFacts;
import org.transitionnet.server.mapping.ActionClass;
import org.transitionnet.server.mapping.MappingCatalog;
import org.transitionnet.server.mapping.ObservationClassifier;
import org.transitionnet.server.mapping.StateMeasurement;
import org.transitionnet.server.mapping.StateVariable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives all transitions of one patient: one per (action episode × state variable its class is
 * expected to move), from the patient's facts. Pure: reads nothing but its input. A full record is
 * first reduced to the same facts the projection stores, so both inputs give the same result.
 */
public class TransitionDeriver {

	private final MappingCatalog catalog;
	private final FactExtractor extractor;
	private final EpisodeBuilder episodes;
	private final TransitionCalculator calculator;

	public TransitionDeriver(MappingCatalog catalog, ObservationClassifier observations, EpisodeBuilder episodes) {
		this.catalog = catalog;
		this.extractor = new FactExtractor(observations, episodes.classifier());
		this.episodes = episodes;
		this.calculator = new TransitionCalculator(catalog);
	}

	/** Derivation from full resources (rebuilds of the projection compare against it; tests use it as the oracle). */
	public DerivationResult derive(PatientRecord record) {
		return derive(extractor.fromRecord(record));
	}

	public DerivationResult derive(PatientFacts facts) {
		Map<StateVariable, List<StateMeasurement>> series = series(facts.measurements());
		List<ActionEpisode> patientEpisodes = episodes.build(facts.actions());
		TransitionCalculator.PatientContext context = new TransitionCalculator.PatientContext(facts.patientId(), patientEpisodes, facts.events());
		List<Transition> transitions = new ArrayList<>();
		List<NotDerived> notDerived = new ArrayList<>();
		for (ActionEpisode episode : patientEpisodes) {
			for (Map.Entry<StateVariable, ActionClass> effect : catalog.expectedEffects(episode.actionClass()).entrySet()) {
				TransitionCalculator.Outcome outcome = calculator.calculate(context, episode, effect.getKey(), effect.getValue(),
						series.getOrDefault(effect.getKey(), List.of()));
				if (outcome.transition() != null) {
					transitions.add(outcome.transition());
				} else {
					notDerived.add(outcome.notDerived());
				}
			}
		}
		return new DerivationResult(facts.patientId(), patientEpisodes, transitions, notDerived);
	}

	/** Every measurement of every variable, oldest first (what {@code $trajectory} plots). */
	public Map<StateVariable, List<StateMeasurement>> series(List<StateMeasurement> measurements) {
		Map<StateVariable, List<StateMeasurement>> series = new HashMap<>();
		for (StateMeasurement m : measurements) {
			series.computeIfAbsent(m.variable(), v -> new ArrayList<>()).add(m);
		}
		series.values().forEach(list -> list.sort(Comparator.comparing(StateMeasurement::time).thenComparing(StateMeasurement::source)));
		return series;
	}

	public MappingCatalog catalog() {
		return catalog;
	}

	public FactExtractor extractor() {
		return extractor;
	}

	public List<ActionEpisode> episodes(PatientFacts facts) {
		return episodes.build(facts.actions());
	}
}
