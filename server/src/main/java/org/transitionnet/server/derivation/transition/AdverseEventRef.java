package org.transitionnet.server.derivation.transition;

import java.time.Instant;
import org.hl7.fhir.r4.model.CodeableConcept;

/** A new Condition or an AdverseEvent recorded during a transition's follow-up. */
public record AdverseEventRef(String reference, CodeableConcept code, Instant time) {}
