package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The finished build: the version it names (none when every task was refused), refusals and counts. Stored as the job's report. */
public class DatasetBuildReport implements IModelJson {

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

    @JsonProperty("k")
    public int k;

    @JsonProperty("patients")
    public int patients;

    @JsonProperty("excludedByConsent")
    public int excludedByConsent;
    /** Patients left out because staging their records failed (the server log names them and the reason). */
    @JsonProperty("patientsFailed")
    public int patientsFailed;

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
}
