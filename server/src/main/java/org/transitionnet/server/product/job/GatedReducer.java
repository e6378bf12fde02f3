package org.transitionnet.server.product.job;

import ca.uhn.fhir.batch2.api.ChunkExecutionDetails;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IReductionStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.model.ChunkOutcome;
import ca.uhn.fhir.model.api.IModelJson;

/**
 * Final step of a product job, run once after every chunk is staged, on whichever node HAPI picks: counts each staged
 * chunk into the report, has the product turn the staging into its output ({@link #reduce}), and only once HAPI has
 * stored the report and completed the job removes the staging. So a run that dies part-way (its node died) can run
 * again and still finds everything staged; {@link #reduce} must therefore first remove what an unfinished run left.
 *
 * @param <P> the job's parameters
 * @param <C> a staged chunk's counts
 * @param <R> the job's report
 */
public abstract class GatedReducer<P extends IModelJson, C extends IModelJson, R extends IModelJson>
        implements IReductionStepWorker<P, C, R> {

    /** This run's report; HAPI makes a {@link #newInstance} per run. */
    protected final R report;

    protected GatedReducer(R report) {
        this.report = report;
    }

    @Override
    public final ChunkOutcome consume(ChunkExecutionDetails<P, C> details) {
        count(details.getData());
        return ChunkOutcome.SUCCESS();
    }

    @Override
    public final RunOutcome run(StepExecutionDetails<P, C> details, IJobDataSink<R> sink) {
        String jobId = details.getInstance().getInstanceId();
        reduce(details.getParameters(), jobId);
        // Completes the job (HAPI stores the report); only then is the staging no longer needed.
        sink.accept(report);
        clearStaging(jobId);
        return RunOutcome.SUCCESS;
    }

    /** Adds one staged chunk to {@link #report}. */
    protected abstract void count(C chunk);

    /** Writes or freezes the output from everything staged, filling in {@link #report}. */
    protected abstract void reduce(P parameters, String jobId);

    /** Removes the job's staging. */
    protected abstract void clearStaging(String jobId);
}
