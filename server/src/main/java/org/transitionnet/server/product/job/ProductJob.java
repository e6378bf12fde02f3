package org.transitionnet.server.product.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobStepWorker;
import ca.uhn.fhir.batch2.api.IReductionStepWorker;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.model.api.IModelJson;

/**
 * The one shape of a product job (the research export, the benchmark dataset build, and any later product that
 * releases data the same way): a first step that splits the work into chunks, a step that stages each chunk on any
 * node, and a final reducer that starts only once every chunk is staged and turns the staging into the product's
 * output and report. Each product names its steps and supplies their workers; how they are chained is defined here
 * once, in the order select → stage → reduce that the builder's types enforce.
 */
public final class ProductJob {

    private ProductJob() {}

    /** Starts the definition of a product job; its id and its step ids are stored with every job instance. */
    public static <P extends IModelJson> Selecting<P> define(
            String jobId, String description, Class<P> parametersType) {
        return new Selecting<>(JobDefinition.newBuilder()
                .setJobDefinitionId(jobId)
                .setJobDescription(description)
                .setJobDefinitionVersion(1)
                .setParametersType(parametersType)
                // A reducer needs every chunk of the previous step done before it starts.
                .gatedExecution());
    }

    /** The job before its first step, which emits the work chunks (patients, a site's files, ...). */
    public static final class Selecting<P extends IModelJson> {
        private final JobDefinition.Builder<P, VoidModel> builder;

        private Selecting(JobDefinition.Builder<P, VoidModel> builder) {
            this.builder = builder;
        }

        public <W extends IModelJson> Staging<P, W> select(
                String stepId, String description, Class<W> workType, IFirstJobStepWorker<P, W> worker) {
            return new Staging<>(builder.addFirstStep(stepId, description, workType, worker));
        }
    }

    /** The job before the step that stages each work chunk. */
    public static final class Staging<P extends IModelJson, W extends IModelJson> {
        private final JobDefinition.Builder<P, W> builder;

        private Staging(JobDefinition.Builder<P, W> builder) {
            this.builder = builder;
        }

        public <C extends IModelJson> Reducing<P, C> stage(
                String stepId, String description, Class<C> stagedType, IJobStepWorker<P, W, C> worker) {
            return new Reducing<>(builder.addIntermediateStep(stepId, description, stagedType, worker));
        }
    }

    /** The job before its gated final reducer, whose output is the job's report. */
    public static final class Reducing<P extends IModelJson, C extends IModelJson> {
        private final JobDefinition.Builder<P, C> builder;

        private Reducing(JobDefinition.Builder<P, C> builder) {
            this.builder = builder;
        }

        public <R extends IModelJson> JobDefinition<P> reduce(
                String stepId, String description, Class<R> reportType, IReductionStepWorker<P, C, R> worker) {
            return builder.addFinalReducerStep(stepId, description, reportType, worker)
                    .build();
        }
    }
}
