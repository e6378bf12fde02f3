package org.transitionnet.server.product.benchmark.dataset.operations;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobDefinition;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.async.JobOwnerAccess;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.product.benchmark.BenchmarkProperties;
import org.transitionnet.server.product.benchmark.dataset.BaselineScorer;
import org.transitionnet.server.product.benchmark.dataset.DatasetFamilies;
import org.transitionnet.server.product.benchmark.dataset.DatasetFilesWriter;
import org.transitionnet.server.product.benchmark.dataset.DatasetFreezer;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersionWriter;
import org.transitionnet.server.product.benchmark.dataset.job.BuildStage;
import org.transitionnet.server.product.benchmark.dataset.job.DatasetBuildJob;
import org.transitionnet.server.product.benchmark.dataset.job.DatasetBuildParameters;
import org.transitionnet.server.product.benchmark.dataset.job.FreezeVersionStep;
import org.transitionnet.server.product.benchmark.dataset.job.TaskRecordStager;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.job.PatientJobSteps;
import org.transitionnet.server.product.job.PatientSelection;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.AdverseEventPolicy;
import org.transitionnet.server.release.policy.SetValuedPolicy;

/**
 * Dataset builds: the Batch2 job that freezes versions from stored transitions and the dataset
 * operations. Consent is the release policy's ({@code transitionnet.release.consent}), as for research
 * exports: a patient excluded from research exports is excluded from every dataset.
 */
@Configuration
public class DatasetBuildConfig {

    @Bean
    public BuildStage datasetBuildStage(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        return new BuildStage(jdbc);
    }

    @Bean
    public DatasetFreezer datasetFreezer(
            TaskCatalog tasks,
            MappingCatalogue catalog,
            DeidEngines deid,
            DatasetStore store,
            JdbcTemplate jdbc,
            DatabaseKind databaseKind,
            BaselineScorer baselines,
            DatasetFilesWriter files,
            PlatformTransactionManager transactions,
            AdverseEventPolicy adverseEvents,
            SetValuedPolicy setValued) {
        return new DatasetFreezer(
                tasks,
                catalog,
                deid,
                store,
                new DatasetVersionWriter(jdbc, databaseKind),
                baselines,
                files,
                new TransactionTemplate(transactions),
                Clock.systemUTC(),
                adverseEvents,
                setValued);
    }

    @Bean
    public JobDefinition<DatasetBuildParameters> datasetBuildJob(
            PatientJobSteps steps,
            FactStore facts,
            TransitionStore transitions,
            MappingCatalogue catalog,
            TaskCatalog tasks,
            DeidEngines deid,
            BenchmarkProperties properties,
            BuildStage stage,
            DatasetFreezer freezer,
            AdverseEventPolicy adverseEvents) {
        return DatasetBuildJob.definition(
                steps.select(properties.patientsPerChunk(), DatasetBuildJob.STAGE_STEP, PatientSelection.everyone()),
                steps.stage(
                        "Dataset build",
                        new TaskRecordStager(facts, transitions, catalog, tasks, deid, stage, adverseEvents)),
                new FreezeVersionStep(freezer, stage, adverseEvents));
    }

    @Bean
    public RestfulServerContributor datasetOperations(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            TaskCatalog tasks,
            DatasetStore store,
            BenchmarkProperties properties,
            DeidEngines deid,
            BuildStage stage,
            ObjectProvider<JobOwnerAccess> owners,
            MappingCatalogue catalog,
            SetValuedPolicy setValued) {
        // Without security there are no clients to tell apart: anyone may follow any build.
        JobOwnerAccess owner = owners.getIfAvailable(() -> JobOwnerAccess.ANYONE);
        return server -> server.registerProvider(new DatasetBuildProvider(
                jobs,
                maintenance,
                tasks,
                store,
                properties,
                deid::checkKey,
                stage::clear,
                owner,
                new DatasetFamilies(tasks, catalog, deid)::familyId,
                setValued.m()));
    }
}
