package org.transitionnet.server.record.facts;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.transitionnet.server.record.patient.ActionEpisode;

/**
 * What derivation needs of one prescription or care plan for one action class: when it started and
 * ended, its status and dosage, and its codes (for research records). A care plan naming two classes
 * gives two facts.
 *
 * @param source {@code MedicationRequest/id} or {@code CarePlan/id}
 * @param end    the recorded end, or null
 * @param codes  the codes of the drug or plan (displays kept, texts dropped)
 */
public record ActionFact(
        String source,
        String actionClass,
        Instant start,
        Instant end,
        ActionEpisode.Status status,
        ActionEpisode.Dosage dosage,
        List<Coding> codes) {

    public ActionFact {
        codes = codes == null ? List.of() : List.copyOf(codes);
        dosage = dosage == null ? ActionEpisode.Dosage.NONE : dosage;
    }
}
