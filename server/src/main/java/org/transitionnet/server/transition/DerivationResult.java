package org.transitionnet.server.transition;

import java.util.List;

/** What derivation produced for one patient: its episodes, transitions, and the transitions it could not derive. */
public record DerivationResult(
        String patientId, List<ActionEpisode> episodes, List<Transition> transitions, List<NotDerived> notDerived) {}
