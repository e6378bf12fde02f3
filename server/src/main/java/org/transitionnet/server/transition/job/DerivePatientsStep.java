package org.transitionnet.server.transition.job;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.ILastJobStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import org.transitionnet.server.transition.DerivationService;

/**
 * Second step: re-derives the chunk's patients. Each patient is its own transaction and derivation
 * is idempotent (stable ids, unchanged transitions untouched), so a retried chunk does no harm.
 */
public class DerivePatientsStep implements ILastJobStepWorker<DeriveJobParameters, PatientIdChunk> {

	private final DerivationService derivation;

	public DerivePatientsStep(DerivationService derivation) {
		this.derivation = derivation;
	}

	@Override
	public RunOutcome run(StepExecutionDetails<DeriveJobParameters, PatientIdChunk> details, IJobDataSink<VoidModel> sink) {
		for (String patientId : details.getData().getPatientIds()) {
			derivation.rederive(patientId);
		}
		return new RunOutcome(details.getData().getPatientIds().size());
	}
}
