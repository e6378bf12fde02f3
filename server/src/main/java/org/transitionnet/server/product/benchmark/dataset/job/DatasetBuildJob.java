package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.batch2.model.JobDefinition;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;

/** The Batch2 job behind {@code $dataset-build}: select patients → stage task records per chunk → k-anonymize and freeze the version. */
public final class DatasetBuildJob {

    public static final String JOB_ID = "transitionnet-dataset-build";
    public static final String STAGE_STEP = "stage-task-records";

    private DatasetBuildJob() {}

    public static JobDefinition<DatasetBuildParameters> definition(
            SelectBuildPatientsStep select, StageTaskRecordsStep stage, FreezeVersionStep freeze) {
        return JobDefinition.newBuilder()
                .setJobDefinitionId(JOB_ID)
                .setJobDescription("Benchmark dataset version from stored transitions")
                .setJobDefinitionVersion(1)
                .setParametersType(DatasetBuildParameters.class)
                // A reducer needs every chunk of the previous step done before it starts.
                .gatedExecution()
                .addFirstStep("select-patients", "Select the build's patients", PatientIdChunk.class, select)
                .addIntermediateStep(
                        STAGE_STEP, "De-identify and stage the chunk's task records", StagedBuildChunk.class, stage)
                .addFinalReducerStep(
                        "freeze-version",
                        "Apply k-anonymity, refuse small tasks and freeze the version",
                        DatasetBuildReport.class,
                        freeze)
                .build();
    }
}
