package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.transitionnet.server.product.job.PatientCounts;
import org.transitionnet.server.product.job.StagedCounts;

/** What staging one chunk (or one patient) of an export did; the final step adds them up for the manifest. */
public class StagedChunk extends StagedCounts {

    @JsonProperty("bundles")
    public int bundles;
    /** Pseudonyms of subjects an incremental export includes that no longer have any transition. */
    @JsonProperty("subjectsWithoutTransitions")
    public List<String> subjectsWithoutTransitions = new ArrayList<>();
    /** Adverse events of staged transitions the release policy withholds, per category. */
    @JsonProperty("adverseEventsWithheld")
    public Map<String, Integer> adverseEventsWithheld = new TreeMap<>();

    @Override
    public void add(PatientCounts other) {
        super.add(other);
        if (other instanceof StagedChunk chunk) {
            bundles += chunk.bundles;
            subjectsWithoutTransitions.addAll(chunk.subjectsWithoutTransitions);
            chunk.adverseEventsWithheld.forEach((c, n) -> adverseEventsWithheld.merge(c, n, Integer::sum));
        }
    }
}
