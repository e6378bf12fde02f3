package org.transitionnet.server.transition;

/** A transition that was looked for but not derived, with the reason (too little data is never filled in). */
public record NotDerived(String patientId, String episodeAnchor, String actionClass, String stateVariable, String reason) {
}
