package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The finished export's counts, stored as the job instance's report and shown in the manifest. */
public class ExportReport implements IModelJson {

    @JsonProperty("k")
    public int k;

    @JsonProperty("patients")
    public int patients;

    @JsonProperty("excludedByConsent")
    public int excludedByConsent;
    /** Patients left out because preparing their records failed (the server log names them and the reason). */
    @JsonProperty("patientsFailed")
    public int patientsFailed;

    @JsonProperty("recordsReleased")
    public int recordsReleased;

    @JsonProperty("recordsGeneralized")
    public int recordsGeneralized;

    @JsonProperty("recordsSuppressed")
    public int recordsSuppressed;

    @JsonProperty("bundlesReleased")
    public int bundlesReleased;

    @JsonProperty("bundlesGeneralized")
    public int bundlesGeneralized;

    @JsonProperty("bundlesSuppressed")
    public int bundlesSuppressed;

    @JsonProperty("bundlesPushed")
    public int bundlesPushed;

    @JsonProperty("pushError")
    public String pushError;
    /** What the export disclosed (quasi-identifiers, k, smallest group, generalization, dates). */
    @JsonProperty("disclosure")
    public org.transitionnet.server.product.export.job.DisclosureReport disclosure;
    /** With {@code _since}: pseudonyms of subjects whose earlier records and bundles are all gone (delete them). */
    @JsonProperty("subjectsWithoutTransitions")
    public java.util.List<String> subjectsWithoutTransitions = new java.util.ArrayList<>();
}
