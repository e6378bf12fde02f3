package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.transitionnet.server.record.patient.PatientIdPages;

/**
 * First step: splits the job's patients into chunks that the second step derives in parallel, on any
 * node. Run again after its node died part-way, it creates only the chunks the earlier run did not.
 */
public class SelectPatientsStep implements IFirstJobStepWorker<DeriveJobParameters, PatientIdChunk> {

    /** Chunks per page of patient ids read at a time. */
    private static final int PAGE_CHUNKS = 25;

    private final DaoRegistry daos;
    private final int chunkSize;
    private final CreatedChunks created;

    public SelectPatientsStep(DaoRegistry daos, int chunkSize, CreatedChunks created) {
        this.daos = daos;
        this.chunkSize = chunkSize;
        this.created = created;
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<DeriveJobParameters, VoidModel> details, IJobDataSink<PatientIdChunk> sink) {
        DeriveJobParameters parameters = details.getParameters();
        Consumer<PatientIdChunk> chunks = created.skippingCreated(
                details.getInstance().getInstanceId(), DeriveTransitionsJob.DERIVE_STEP, sink::accept);
        if (parameters.isAllPatients()) {
            // Ids are read and emitted a page at a time: the population is never held in memory.
            new PatientIdPages(daos, chunkSize * PAGE_CHUNKS).forEachPage(page -> emit(page, chunks));
        } else {
            emit(parameters.getPatientIds(), chunks);
        }
        // Patients count as processed when the derive step has done them, not when they are selected.
        return new RunOutcome(0);
    }

    private void emit(List<String> ids, Consumer<PatientIdChunk> chunks) {
        PatientIdChunk.split(ids, chunkSize).forEach(chunks);
    }
}
