package org.transitionnet.server.record.mapping;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.transitionnet.catalogue.CodeRef;

/** Matching of the catalogue's codes against FHIR codings (the catalogue module knows no FHIR types). */
public final class Codes {

    private Codes() {}

    /** Same system and code; displays do not matter. */
    public static boolean matches(CodeRef code, Coding coding) {
        return coding != null
                && coding.getSystem() != null
                && coding.getCode() != null
                && code.is(coding.getSystem(), coding.getCode());
    }

    /** Whether one of the concept's codings is the code. */
    public static boolean matchesAny(CodeRef code, CodeableConcept concept) {
        return concept != null && concept.getCoding().stream().anyMatch(c -> matches(code, c));
    }
}
