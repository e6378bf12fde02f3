package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** One work chunk: patients that one worker, on any node, handles together (derivation or research export). */
public class PatientIdChunk implements IModelJson {

    @JsonProperty("patientIds")
    private List<String> patientIds = new ArrayList<>();

    public PatientIdChunk() {}

    public PatientIdChunk(List<String> patientIds) {
        this.patientIds = new ArrayList<>(patientIds);
    }

    /** The ids, in order, as chunks of at most {@code size}. */
    public static List<PatientIdChunk> split(List<String> ids, int size) {
        List<PatientIdChunk> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += size) {
            chunks.add(new PatientIdChunk(ids.subList(from, Math.min(ids.size(), from + size))));
        }
        return chunks;
    }

    public List<String> getPatientIds() {
        return patientIds;
    }
}
