package org.transitionnet.server.product.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What every product job reports first: the k it released under and the patients it looked at (each staged chunk's
 * {@link PatientCounts} added up). Each product's report (stored as the job instance's report and shown to the
 * requester) goes on from here.
 */
@JsonPropertyOrder({"k", "patients", "excludedByConsent", "patientsFailed"})
public class ReleaseReport extends PatientCounts {

    @JsonProperty("k")
    public int k;
}
