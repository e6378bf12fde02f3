package org.transitionnet.server.derivation.transition;

/**
 * A transition that was looked for but not derived, with the reason (too little data is never filled in),
 * or a measurement that derivation left out. Episode and action class are {@code null} when the reason
 * concerns no single episode (a measurement outside its plausible range, a patient whose episodes could
 * not be built); the state variable is {@code null} when it concerns none.
 */
public record NotDerived(
        String patientId, String episodeAnchor, String actionClass, String stateVariable, String reason) {}
