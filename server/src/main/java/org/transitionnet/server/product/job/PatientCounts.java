package org.transitionnet.server.product.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The patients a product job looked at, counted alike by every product: how many, how many their research consent
 * left out, and how many were left out because staging them failed. Counted while a chunk is staged and added up into
 * the job's report.
 */
public class PatientCounts implements IModelJson {

    @JsonProperty("patients")
    public int patients;

    @JsonProperty("excludedByConsent")
    public int excludedByConsent;
    /** Patients left out because staging them failed (the server log names them and the reason). */
    @JsonProperty("patientsFailed")
    public int patientsFailed;

    /** Adds the other's counts to these. */
    public void add(PatientCounts other) {
        patients += other.patients;
        excludedByConsent += other.excludedByConsent;
        patientsFailed += other.patientsFailed;
    }
}
