package org.transitionnet.server.transition.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.transitionnet.server.transition.PatientIdPages;

import java.util.List;

/** First step: splits the job's patients into chunks that the second step derives in parallel, on any node. */
public class SelectPatientsStep implements IFirstJobStepWorker<DeriveJobParameters, PatientIdChunk> {

	/** Chunks per page of patient ids read at a time. */
	private static final int PAGE_CHUNKS = 25;

	private final DaoRegistry daos;
	private final int chunkSize;

	public SelectPatientsStep(DaoRegistry daos, int chunkSize) {
		this.daos = daos;
		this.chunkSize = chunkSize;
	}

	@Override
	public RunOutcome run(StepExecutionDetails<DeriveJobParameters, VoidModel> details, IJobDataSink<PatientIdChunk> sink) {
		DeriveJobParameters parameters = details.getParameters();
		if (parameters.isAllPatients()) {
			// Ids are read and emitted a page at a time: the population is never held in memory.
			new PatientIdPages(daos, chunkSize * PAGE_CHUNKS).forEachPage(page -> emit(page, sink));
		} else {
			emit(parameters.getPatientIds(), sink);
		}
		// Patients count as processed when the derive step has done them, not when they are selected.
		return new RunOutcome(0);
	}

	private void emit(List<String> ids, IJobDataSink<PatientIdChunk> sink) {
		PatientIdChunk.split(ids, chunkSize).forEach(sink::accept);
	}
}
