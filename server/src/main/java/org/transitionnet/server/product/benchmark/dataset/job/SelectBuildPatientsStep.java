package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.function.Consumer;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.record.patient.PatientIdPages;

/**
 * First step: every patient, a page of ids at a time, in chunks of {@code patientsPerChunk}. Which of
 * them have qualifying transitions and consent is decided per patient when a chunk is staged. Run
 * again after its node died part-way, it creates only the chunks the earlier run did not.
 */
public class SelectBuildPatientsStep implements IFirstJobStepWorker<DatasetBuildParameters, PatientIdChunk> {

    /** Chunks per page of patient ids read at a time. */
    private static final int PAGE_CHUNKS = 25;

    private final DaoRegistry daos;
    private final int chunkSize;
    private final CreatedChunks created;

    public SelectBuildPatientsStep(DaoRegistry daos, int chunkSize, CreatedChunks created) {
        this.daos = daos;
        this.chunkSize = chunkSize;
        this.created = created;
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<DatasetBuildParameters, VoidModel> details, IJobDataSink<PatientIdChunk> sink) {
        Consumer<PatientIdChunk> chunks = created.skippingCreated(
                details.getInstance().getInstanceId(), DatasetBuildJob.STAGE_STEP, sink::accept);
        long selected = new PatientIdPages(daos, chunkSize * PAGE_CHUNKS)
                .forEachPage(ids -> PatientIdChunk.split(ids, chunkSize).forEach(chunks));
        return new RunOutcome((int) selected);
    }
}
