package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.transitionnet.server.product.job.ReleaseReport;

/**
 * The finished export's counts, stored as the job instance's report and shown in the manifest: the patients
 * ({@link ReleaseReport}), then what was released, generalized, suppressed and pushed.
 */
public class ExportReport extends ReleaseReport {

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
    public DisclosureReport disclosure;
    /** With {@code _since}: pseudonyms of subjects whose earlier records and bundles are all gone (delete them). */
    @JsonProperty("subjectsWithoutTransitions")
    public java.util.List<String> subjectsWithoutTransitions = new java.util.ArrayList<>();
}
