package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.batch2.model.JobDefinition;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.product.job.PatientSelectionStep;
import org.transitionnet.server.product.job.ProductJob;
import org.transitionnet.server.product.job.StagePatientsStep;

/** The Batch2 job behind {@code $research-export}: select patients → de-identify and stage per chunk → k-anonymize and write. */
public final class ResearchExportJob {

    public static final String JOB_ID = "transitionnet-research-export";
    public static final String STAGE_STEP = "stage-records";

    private ResearchExportJob() {}

    public static JobDefinition<ExportJobParameters> definition(
            PatientSelectionStep<ExportJobParameters> select,
            StagePatientsStep<ExportJobParameters, StagedChunk> stage,
            WriteOutputStep write) {
        return ProductJob.define(JOB_ID, "De-identified research export of transitions", ExportJobParameters.class)
                .select("select-patients", "Select the export's patients", PatientIdChunk.class, select)
                .stage(STAGE_STEP, "De-identify and stage the chunk's records and bundles", StagedChunk.class, stage)
                .reduce("write-output", "Apply k-anonymity and write the output files", ExportReport.class, write);
    }
}
