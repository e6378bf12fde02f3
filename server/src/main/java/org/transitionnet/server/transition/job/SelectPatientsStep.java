package org.transitionnet.server.transition.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.transitionnet.server.transition.PatientSearches;
import org.hl7.fhir.instance.model.api.IIdType;

import java.util.ArrayList;
import java.util.List;

/** First step: splits the job's patients into chunks that the second step derives in parallel, on any node. */
public class SelectPatientsStep implements IFirstJobStepWorker<DeriveJobParameters, PatientIdChunk> {

	private final DaoRegistry daos;
	private final int chunkSize;

	public SelectPatientsStep(DaoRegistry daos, int chunkSize) {
		this.daos = daos;
		this.chunkSize = chunkSize;
	}

	@Override
	public RunOutcome run(StepExecutionDetails<DeriveJobParameters, VoidModel> details, IJobDataSink<PatientIdChunk> sink) {
		DeriveJobParameters parameters = details.getParameters();
		List<String> ids = parameters.isAllPatients() ? allPatientIds() : parameters.getPatientIds();
		for (int from = 0; from < ids.size(); from += chunkSize) {
			sink.accept(new PatientIdChunk(ids.subList(from, Math.min(ids.size(), from + chunkSize))));
		}
		// Patients count as processed when the derive step has done them, not when they are selected.
		return new RunOutcome(0);
	}

	private List<String> allPatientIds() {
		// Every patient id (strings only); chunks are then emitted as work for any node.
		SearchParameterMap all = PatientSearches.all();
		List<String> ids = new ArrayList<>();
		List<IIdType> found = daos.getResourceDao(org.hl7.fhir.r4.model.Patient.class).searchForResourceIds(all, new SystemRequestDetails());
		for (IIdType id : found) {
			ids.add(id.getIdPart());
		}
		return ids;
	}
}
