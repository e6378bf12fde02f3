package org.transitionnet.server.record.facts;

import java.util.List;
import org.transitionnet.server.record.mapping.StateMeasurement;

/**
 * Everything derivation reads about one patient, reduced to facts: measurements of state variables
 * in canonical units, action facts, and condition / adverse-event facts. Read from the projection
 * ({@link FactStore}) or extracted from full resources ({@link FactExtractor}); both give the same.
 */
public record PatientFacts(
        String patientId, List<StateMeasurement> measurements, List<ActionFact> actions, List<EventFact> events) {

    public PatientFacts {
        measurements = List.copyOf(measurements);
        actions = List.copyOf(actions);
        events = List.copyOf(events);
    }
}
