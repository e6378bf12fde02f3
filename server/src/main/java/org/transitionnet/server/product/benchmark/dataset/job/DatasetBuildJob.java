package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.batch2.model.JobDefinition;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.product.job.PatientSelectionStep;
import org.transitionnet.server.product.job.ProductJob;
import org.transitionnet.server.product.job.StagePatientsStep;
import org.transitionnet.server.product.job.StagedCounts;

/** The Batch2 job behind {@code $dataset-build}: select patients → stage task records per chunk → k-anonymize and freeze the version. */
public final class DatasetBuildJob {

    public static final String JOB_ID = "transitionnet-dataset-build";
    public static final String STAGE_STEP = "stage-task-records";

    private DatasetBuildJob() {}

    /**
     * @param select every patient (which of them have qualifying transitions and consent is decided per patient when
     *     a chunk is staged)
     */
    public static JobDefinition<DatasetBuildParameters> definition(
            PatientSelectionStep<DatasetBuildParameters> select,
            StagePatientsStep<DatasetBuildParameters, StagedCounts> stage,
            FreezeVersionStep freeze) {
        return ProductJob.define(
                        JOB_ID, "Benchmark dataset version from stored transitions", DatasetBuildParameters.class)
                .select("select-patients", "Select the build's patients", PatientIdChunk.class, select)
                .stage(STAGE_STEP, "De-identify and stage the chunk's task records", StagedCounts.class, stage)
                .reduce(
                        "freeze-version",
                        "Apply k-anonymity, refuse small tasks and freeze the version",
                        DatasetBuildReport.class,
                        freeze);
    }
}
