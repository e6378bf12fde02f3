package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.ILastJobStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import org.transitionnet.server.derivation.transition.DerivationService;

/**
 * Second step: re-derives the chunk's patients. Each patient is its own transaction and derivation
 * is idempotent (stable ids, unchanged transitions untouched), so a retried chunk does no harm.
 * A patient whose derivation throws is logged with the reason and skipped: it keeps what it had, and
 * the chunk's other patients are still derived.
 */
public class DerivePatientsStep implements ILastJobStepWorker<DeriveJobParameters, PatientIdChunk> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DerivePatientsStep.class);

    private final DerivationService derivation;

    public DerivePatientsStep(DerivationService derivation) {
        this.derivation = derivation;
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<DeriveJobParameters, PatientIdChunk> details, IJobDataSink<VoidModel> sink) {
        for (String patientId : details.getData().getPatientIds()) {
            try {
                derivation.rederive(patientId);
            } catch (RuntimeException e) {
                log.warn("Derivation of patient {} failed and was skipped: {}", patientId, e.toString(), e);
            }
        }
        return new RunOutcome(details.getData().getPatientIds().size());
    }
}
