package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** Which patients a derivation job covers: the listed ones, or every patient when {@code allPatients}. */
public class DeriveJobParameters implements IModelJson {

    @JsonProperty("patientIds")
    private List<String> patientIds = new ArrayList<>();

    @JsonProperty("allPatients")
    private boolean allPatients;

    public static DeriveJobParameters forPatients(List<String> ids) {
        DeriveJobParameters p = new DeriveJobParameters();
        p.patientIds = new ArrayList<>(ids);
        return p;
    }

    public static DeriveJobParameters forAllPatients() {
        DeriveJobParameters p = new DeriveJobParameters();
        p.allPatients = true;
        return p;
    }

    public List<String> getPatientIds() {
        return patientIds;
    }

    public boolean isAllPatients() {
        return allPatients;
    }
}
