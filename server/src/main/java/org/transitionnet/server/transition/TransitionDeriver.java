package org.transitionnet.server.transition;

import org.hl7.fhir.r4.model.Observation;
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
 * expected to move), from the patient's source records. Pure: reads nothing but its input.
 */
public class TransitionDeriver {

	private final MappingCatalog catalog;
	private final ObservationClassifier observations;
	private final EpisodeBuilder episodes;
	private final TransitionCalculator calculator;

	public TransitionDeriver(MappingCatalog catalog, ObservationClassifier observations, EpisodeBuilder episodes) {
		this.catalog = catalog;
		this.observations = observations;
		this.episodes = episodes;
		this.calculator = new TransitionCalculator(catalog);
	}

	public DerivationResult derive(PatientRecord record) {
		Map<StateVariable, List<StateMeasurement>> series = measurementsByVariable(record.observations());
		List<ActionEpisode> patientEpisodes = episodes.build(record);
		TransitionCalculator.PatientContext context = new TransitionCalculator.PatientContext(
				record.patientId(), patientEpisodes, record.conditions(), record.adverseEvents());
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
		return new DerivationResult(record.patientId(), patientEpisodes, transitions, notDerived);
	}

	/** Every measurement of every variable, oldest first (what {@code $trajectory} plots). */
	public Map<StateVariable, List<StateMeasurement>> measurementsByVariable(List<Observation> sources) {
		Map<StateVariable, List<StateMeasurement>> series = new HashMap<>();
		for (Observation observation : sources) {
			for (StateMeasurement m : observations.classify(observation)) {
				series.computeIfAbsent(m.variable(), v -> new ArrayList<>()).add(m);
			}
		}
		series.values().forEach(list -> list.sort(Comparator.comparing(StateMeasurement::time).thenComparing(StateMeasurement::source)));
		return series;
	}

	public MappingCatalog catalog() {
		return catalog;
	}

	public List<ActionEpisode> episodes(PatientRecord record) {
		return episodes.build(record);
	}
}
