package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.batch2.api.IReductionStepWorker;
import ca.uhn.fhir.batch2.api.ReductionStepFailureException;
import java.util.ArrayList;
import java.util.List;
import org.transitionnet.server.product.benchmark.dataset.DatasetFreezer;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.product.job.GatedReducer;
import org.transitionnet.server.product.job.StagedCounts;
import org.transitionnet.server.release.policy.AdverseEventDisclosure;
import org.transitionnet.server.release.policy.AdverseEventPolicy;

/**
 * Final step of a dataset build ({@link GatedReducer}): reads every staged record of the build from the database and
 * freezes the version ({@link DatasetFreezer}: k-anonymity, refusals, content hash, version, all rows in one
 * transaction). A second run (its node died) is safe: the freezer removes what an unfinished run left and recognises
 * a version this build already froze. A failure fails the job with the reason, and keeps the staging out of the way.
 */
public class FreezeVersionStep extends GatedReducer<DatasetBuildParameters, StagedCounts, DatasetBuildReport> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FreezeVersionStep.class);

    private final DatasetFreezer freezer;
    private final BuildStage stage;
    private final AdverseEventPolicy adverseEvents;

    public FreezeVersionStep(DatasetFreezer freezer, BuildStage stage, AdverseEventPolicy adverseEvents) {
        super(new DatasetBuildReport());
        this.freezer = freezer;
        this.stage = stage;
        this.adverseEvents = adverseEvents;
    }

    @Override
    public IReductionStepWorker<DatasetBuildParameters, StagedCounts, DatasetBuildReport> newInstance() {
        return new FreezeVersionStep(freezer, stage, adverseEvents);
    }

    @Override
    protected void count(StagedCounts chunk) {
        report.add(chunk);
    }

    @Override
    protected void reduce(DatasetBuildParameters p, String jobId) {
        report.k = p.k();
        List<DatasetRecord> staged = new ArrayList<>();
        stage.forEach(jobId, staged::add);
        report.recordsStaged = staged.size();
        DatasetFreezer.Outcome outcome;
        try {
            outcome = freezer.freeze(
                    new DatasetFreezer.Request(
                            jobId,
                            p.tasks(),
                            p.k(),
                            p.minHeldOutSubjects(),
                            p.builtBy(),
                            p.minHeldOutRecords(),
                            p.demonstration(),
                            p.familyId(),
                            p.setValuedM()),
                    staged);
        } catch (RuntimeException e) {
            log.error("Dataset build {} failed while freezing the version: {}", jobId, e.toString(), e);
            stage.clear(jobId);
            throw new ReductionStepFailureException(
                    "The dataset version could not be frozen: " + e.getMessage(), report);
        }
        outcome.version().ifPresent(this::fill);
        report.unchanged = outcome.unchanged();
        report.tasks = outcome.tasks();
        report.refusals = outcome.refusals();
        report.counts = outcome.counts();
        report.subjects = outcome.publication().subjects();
        report.subjectsSuppressed = outcome.publication().subjectsSuppressed();
        report.recordsGeneralized = outcome.publication().recordsGeneralized();
        report.recordsSuppressed = outcome.publication().recordsSuppressed();
        AdverseEventDisclosure events = adverseEvents.disclosure();
        events.count(outcome.publication().adverseEventDiversity());
        report.adverseEvents = events;
        if (outcome.publication().setValued() != null) {
            report.setValuedK = outcome.publication().setValued().smallestSupport();
            report.generalizedClasses = outcome.publication().setValued().generalizedActionClasses();
        }
    }

    @Override
    protected void clearStaging(String jobId) {
        stage.clear(jobId);
    }

    private void fill(DatasetVersion v) {
        report.datasetId = v.datasetId();
        report.semver = v.semver();
        report.contentHash = v.contentHash();
    }
}
