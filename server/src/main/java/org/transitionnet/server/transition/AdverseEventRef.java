package org.transitionnet.server.transition;

import org.hl7.fhir.r4.model.CodeableConcept;

import java.time.Instant;

/** A new Condition or an AdverseEvent recorded during a transition's follow-up. */
public record AdverseEventRef(String reference, CodeableConcept code, Instant time) {
}
