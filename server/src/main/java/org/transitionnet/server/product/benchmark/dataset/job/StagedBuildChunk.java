package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What staging one chunk of a dataset build did; the final step adds them up for the build's report. */
public class StagedBuildChunk implements IModelJson {

    @JsonProperty("patients")
    public int patients;

    @JsonProperty("excludedByConsent")
    public int excludedByConsent;
    /** Patients left out because staging them failed (the server log names them and the reason). */
    @JsonProperty("patientsFailed")
    public int patientsFailed;

    @JsonProperty("records")
    public int records;
}
