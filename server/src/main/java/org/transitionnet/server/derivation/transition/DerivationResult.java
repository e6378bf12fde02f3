package org.transitionnet.server.derivation.transition;

import java.util.List;
import org.transitionnet.server.record.patient.ActionEpisode;

/** What derivation produced for one patient: its episodes, transitions, and the transitions it could not derive. */
public record DerivationResult(
        String patientId, List<ActionEpisode> episodes, List<Transition> transitions, List<NotDerived> notDerived) {}
