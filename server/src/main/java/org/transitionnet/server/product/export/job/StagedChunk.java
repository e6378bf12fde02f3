package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What staging one chunk did; the final step adds them up for the manifest. */
public class StagedChunk implements IModelJson {

    @JsonProperty("patients")
    public int patients;

    @JsonProperty("excludedByConsent")
    public int excludedByConsent;

    @JsonProperty("records")
    public int records;

    @JsonProperty("bundles")
    public int bundles;
    /** Patients left out because staging them failed (the server log names them and the reason). */
    @JsonProperty("patientsFailed")
    public int patientsFailed;
    /** Pseudonyms of subjects an incremental export includes that no longer have any transition. */
    @JsonProperty("subjectsWithoutTransitions")
    public java.util.List<String> subjectsWithoutTransitions = new java.util.ArrayList<>();
}
