package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.batch2.model.JobDefinition;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;

/** The Batch2 job behind {@code $research-export}: select patients → de-identify and stage per chunk → k-anonymize and write. */
public final class ResearchExportJob {

    public static final String JOB_ID = "transitionnet-research-export";
    public static final String STAGE_STEP = "stage-records";

    private ResearchExportJob() {}

    public static JobDefinition<ExportJobParameters> definition(
            SelectExportPatientsStep select, StageRecordsStep stage, WriteOutputStep write) {
        return JobDefinition.newBuilder()
                .setJobDefinitionId(JOB_ID)
                .setJobDescription("De-identified research export of transitions")
                .setJobDefinitionVersion(1)
                .setParametersType(ExportJobParameters.class)
                // A reducer needs every chunk of the previous step done before it starts.
                .gatedExecution()
                .addFirstStep("select-patients", "Select the export's patients", PatientIdChunk.class, select)
                .addIntermediateStep(
                        STAGE_STEP, "De-identify and stage the chunk's records and bundles", StagedChunk.class, stage)
                .addFinalReducerStep(
                        "write-output", "Apply k-anonymity and write the output files", ExportReport.class, write)
                .build();
    }
}
