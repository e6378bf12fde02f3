package org.transitionnet.server.product.benchmark.dataset.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.job.ReleaseReport;

/**
 * The finished build: the version it names (none when every task was refused), refusals and counts, then the
 * patients ({@link ReleaseReport}) and what k-anonymity did. Stored as the job's report and shown as the build's
 * result, in this order.
 */
@JsonPropertyOrder({
    "datasetId",
    "semver",
    "unchanged",
    "contentHash",
    "tasks",
    "refusals",
    "counts",
    "k",
    "patients",
    "excludedByConsent",
    "patientsFailed",
    "recordsStaged",
    "subjects",
    "subjectsSuppressed",
    "recordsGeneralized",
    "recordsSuppressed",
    "adverseEvents"
})
public class DatasetBuildReport extends ReleaseReport {

    @JsonProperty("datasetId")
    public String datasetId;

    @JsonProperty("semver")
    public String semver;
    /** The content equals a version made before: no new version was made, {@link #datasetId} names that one. */
    @JsonProperty("unchanged")
    public boolean unchanged;

    @JsonProperty("contentHash")
    public String contentHash;
    /** Published tasks. */
    @JsonProperty("tasks")
    public List<String> tasks = new ArrayList<>();
    /** Requested tasks that were not published, with the reason. */
    @JsonProperty("refusals")
    public Map<String, String> refusals = new LinkedHashMap<>();
    /** Released records per published task and split. */
    @JsonProperty("counts")
    public Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();

    @JsonProperty("recordsStaged")
    public int recordsStaged;

    @JsonProperty("subjects")
    public int subjects;

    @JsonProperty("subjectsSuppressed")
    public int subjectsSuppressed;

    @JsonProperty("recordsGeneralized")
    public int recordsGeneralized;

    @JsonProperty("recordsSuppressed")
    public int recordsSuppressed;
    /**
     * Categories never released as adverse events, and l-diversity of the released adverse-event labels ("withheld"
     * counts are the research export's; a build does not count them).
     */
    @JsonProperty("adverseEvents")
    public org.transitionnet.server.release.policy.AdverseEventDisclosure adverseEvents;

    /** The build's set-valued k: the fewest subjects sharing a released combination of up to m items. */
    @JsonProperty("setValuedK")
    public Integer setValuedK;

    /** Action classes the build released as their parent class (k^m). */
    @JsonProperty("generalizedClasses")
    public java.util.List<String> generalizedClasses;
}
