package org.transitionnet.server.product.job;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IJobStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.model.api.IModelJson;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.release.policy.ResearchPatients;

/**
 * Second step of a product job over patients: stages each patient of the chunk in one transaction that first removes
 * what an earlier run staged for them (so a retried chunk replaces its own rows), then, for a patient who exists and
 * whose research consent allows release ({@link ResearchPatients}), has the product's {@link PatientStager} stage
 * their rows. Nothing is released yet: the reducer needs every chunk. A patient whose staging fails is rolled back,
 * logged and counted ({@code patientsFailed}), and does not fail the job for everyone else.
 *
 * @param <P> the job's parameters
 * @param <C> the product's counts, the step's output
 */
public class StagePatientsStep<P extends IModelJson, C extends StagedCounts>
        implements IJobStepWorker<P, PatientIdChunk, C> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StagePatientsStep.class);

    private final String jobName;
    private final ResearchPatients patients;
    private final IHapiTransactionService transactions;
    private final PatientStager<P, C> stager;

    /** @param jobName what the log calls the job ("Research export") */
    public StagePatientsStep(
            String jobName,
            ResearchPatients patients,
            IHapiTransactionService transactions,
            PatientStager<P, C> stager) {
        this.jobName = jobName;
        this.patients = patients;
        this.transactions = transactions;
        this.stager = stager;
    }

    @Override
    public RunOutcome run(StepExecutionDetails<P, PatientIdChunk> details, IJobDataSink<C> sink) {
        String jobId = details.getInstance().getInstanceId();
        PatientStager.Chunk<C> chunk = stager.forChunk(details.getParameters(), jobId);
        C staged = chunk.counts().get();
        for (String patientId : details.getData().getPatientIds()) {
            C patient = chunk.counts().get();
            try {
                transactions.withSystemRequest().execute(() -> {
                    stagePatient(chunk, patientId, patient);
                    return null;
                });
                staged.add(patient);
            } catch (RuntimeException e) {
                // Its staging rolled back with its transaction; the job goes on without this patient.
                log.warn("{} {}: patient {} skipped, staging failed: {}", jobName, jobId, patientId, e.toString(), e);
                staged.patients++;
                staged.patientsFailed++;
            }
        }
        sink.accept(staged);
        return new RunOutcome(staged.patients);
    }

    private void stagePatient(PatientStager.Chunk<C> chunk, String patientId, C counts) {
        // A retried chunk starts over for this patient, whatever became of them since the earlier run.
        chunk.removeStaged().accept(patientId);
        Patient patient = patients.patient(patientId);
        if (patient == null) {
            return;
        }
        counts.patients++;
        if (!patients.mayRelease(patientId)) {
            counts.excludedByConsent++;
            return;
        }
        chunk.stage().stage(patientId, patient, counts);
    }
}
