package org.transitionnet.server.transition.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/** One work chunk: patients that one worker, on any node, re-derives together. */
public class PatientIdChunk implements IModelJson {

	@JsonProperty("patientIds")
	private List<String> patientIds = new ArrayList<>();

	public PatientIdChunk() {
	}

	public PatientIdChunk(List<String> patientIds) {
		this.patientIds = new ArrayList<>(patientIds);
	}

	public List<String> getPatientIds() {
		return patientIds;
	}
}
