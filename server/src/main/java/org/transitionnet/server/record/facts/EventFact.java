package org.transitionnet.server.record.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * A Condition with an onset (not entered in error or refuted), or an AdverseEvent that happened
 * (not a potential one), with its time and codes: what adverse-event flags of transitions read.
 *
 * @param source {@code Condition/id} or {@code AdverseEvent/id}
 */
public record EventFact(String source, Instant time, List<Coding> codes) {

    public EventFact {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    public boolean isCondition() {
        return source.startsWith("Condition/");
    }

    public CodeableConcept code() {
        CodeableConcept concept = new CodeableConcept();
        codes.forEach(c -> concept.addCoding(c.copy()));
        return concept;
    }

    /** Whether the two share a coding (same system and code). */
    public boolean sharesCodeWith(EventFact other) {
        for (Coding x : codes) {
            for (Coding y : other.codes) {
                if (Objects.equals(x.getSystem(), y.getSystem()) && Objects.equals(x.getCode(), y.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }
}
