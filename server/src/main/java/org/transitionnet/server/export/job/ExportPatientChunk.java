package org.transitionnet.server.export.job;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/** Patients that one worker de-identifies and stages together. */
public class ExportPatientChunk implements IModelJson {

	@JsonProperty("patientIds")
	private List<String> patientIds = new ArrayList<>();

	public ExportPatientChunk() {
	}

	public ExportPatientChunk(List<String> patientIds) {
		this.patientIds = new ArrayList<>(patientIds);
	}

	public List<String> getPatientIds() {
		return patientIds;
	}
}
