package org.transitionnet.server.mapping;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** A code in a code system, as the mapping catalogue names it (system already resolved to a URI). */
public record CodeRef(String system, String code, String display) {

	public boolean matches(Coding coding) {
		return coding != null && system.equals(coding.getSystem()) && code.equals(coding.getCode());
	}

	public boolean matchesAny(CodeableConcept concept) {
		return concept != null && concept.getCoding().stream().anyMatch(this::matches);
	}
}
