package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.batch2.api.ChunkExecutionDetails;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IReductionStepWorker;
import ca.uhn.fhir.batch2.api.ReductionStepFailureException;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.model.ChunkOutcome;
import java.util.ArrayList;
import java.util.List;
import org.transitionnet.server.product.benchmark.dataset.DatasetFreezer;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;

/**
 * Final step, run once after every chunk is staged, on whichever node HAPI picks: reads every staged
 * record of the build from the database, freezes the version ({@link DatasetFreezer}: k-anonymity,
 * refusals, content hash, version, all rows in one transaction) and then removes the staging. It can
 * run again when the node running it died: the freezer removes what an unfinished run left and
 * recognises a version this build already froze, and the staging is removed only after HAPI has stored
 * the report. A failure fails the job with the reason, and keeps the staging out of the way.
 */
public class FreezeVersionStep
        implements IReductionStepWorker<DatasetBuildParameters, StagedBuildChunk, DatasetBuildReport> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FreezeVersionStep.class);

    private final DatasetFreezer freezer;
    private final BuildStage stage;
    private final DatasetBuildReport report = new DatasetBuildReport();

    public FreezeVersionStep(DatasetFreezer freezer, BuildStage stage) {
        this.freezer = freezer;
        this.stage = stage;
    }

    @Override
    public IReductionStepWorker<DatasetBuildParameters, StagedBuildChunk, DatasetBuildReport> newInstance() {
        return new FreezeVersionStep(freezer, stage);
    }

    @Override
    public ChunkOutcome consume(ChunkExecutionDetails<DatasetBuildParameters, StagedBuildChunk> details) {
        StagedBuildChunk chunk = details.getData();
        report.patients += chunk.patients;
        report.excludedByConsent += chunk.excludedByConsent;
        report.patientsFailed += chunk.patientsFailed;
        return ChunkOutcome.SUCCESS();
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<DatasetBuildParameters, StagedBuildChunk> details,
            IJobDataSink<DatasetBuildReport> sink) {
        DatasetBuildParameters p = details.getParameters();
        String jobId = details.getInstance().getInstanceId();
        report.k = p.getK();
        List<DatasetRecord> staged = new ArrayList<>();
        stage.forEach(jobId, staged::add);
        report.recordsStaged = staged.size();
        DatasetFreezer.Outcome outcome;
        try {
            outcome = freezer.freeze(
                    new DatasetFreezer.Request(
                            jobId,
                            p.getTasks(),
                            p.getK(),
                            p.getMinHeldOutSubjects(),
                            p.getBuiltBy(),
                            p.getMinHeldOutRecords(),
                            p.isDemonstration(),
                            p.getFamilyId()),
                    staged);
        } catch (RuntimeException e) {
            log.error("Dataset build {} failed while freezing the version: {}", jobId, e.toString(), e);
            stage.clear(jobId);
            throw new ReductionStepFailureException(
                    "The dataset version could not be frozen: " + e.getMessage(), report);
        }
        outcome.version().ifPresent(v -> fill(v));
        report.unchanged = outcome.unchanged();
        report.tasks = outcome.tasks();
        report.refusals = outcome.refusals();
        report.counts = outcome.counts();
        report.subjects = outcome.publication().subjects();
        report.subjectsSuppressed = outcome.publication().subjectsSuppressed();
        report.recordsGeneralized = outcome.publication().recordsGeneralized();
        report.recordsSuppressed = outcome.publication().recordsSuppressed();
        // Completes the job (HAPI stores the report); only then is the staging no longer needed.
        sink.accept(report);
        stage.clear(jobId);
        return RunOutcome.SUCCESS;
    }

    private void fill(DatasetVersion v) {
        report.datasetId = v.datasetId();
        report.semver = v.semver();
        report.contentHash = v.contentHash();
    }
}
