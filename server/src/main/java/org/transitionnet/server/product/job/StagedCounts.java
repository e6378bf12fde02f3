package org.transitionnet.server.product.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What staging patients did: the patients, and the records staged of them. Counted for one patient while it is
 * staged, and for a whole chunk as the staging step's output, which the reducer adds up for the report. A product
 * that counts more (the research export's bundles) adds its counts in a subclass and to {@link #add}.
 */
public class StagedCounts extends PatientCounts {

    @JsonProperty("records")
    public int records;

    @Override
    public void add(PatientCounts other) {
        super.add(other);
        if (other instanceof StagedCounts staged) {
            records += staged.records;
        }
    }
}
