package org.transitionnet.server.product.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.derivation.transition.TransitionBundleAssembler;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.product.export.job.ExportJobParameters;
import org.transitionnet.server.product.export.job.ExportPatientSelection;
import org.transitionnet.server.product.export.job.ExportStager;
import org.transitionnet.server.product.export.job.ExportStorage;
import org.transitionnet.server.product.export.job.RegistryPusher;
import org.transitionnet.server.product.export.job.ResearchExportJob;
import org.transitionnet.server.product.export.job.TransitionRemovalLog;
import org.transitionnet.server.product.export.job.WriteOutputStep;
import org.transitionnet.server.product.job.PatientJobSteps;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.AdverseEventPolicy;
import org.transitionnet.server.release.policy.ReleasePolicyProperties;
import org.transitionnet.server.release.policy.SetValuedPolicy;

/**
 * Research export: its storage, the Batch2 job and the Bulk Data operations. It de-identifies with the
 * release layer's engines ({@code DeidConfig}), one per export.
 */
@Configuration
public class ExportConfig {

    @Bean
    public ExportStorage exportStorage(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        ExportStorage storage = new ExportStorage(jdbc);
        return storage;
    }

    @Bean
    public TransitionRemovalLog transitionRemovalLog(
            JdbcTemplate jdbc, SchemaMigration schemaReady, IInterceptorService interceptors) {
        TransitionRemovalLog log = new TransitionRemovalLog(jdbc);
        interceptors.registerInterceptor(log);
        return log;
    }

    @Bean
    public ExportPurger exportPurger(
            IJobPersistence jobs,
            ExportStorage storage,
            PlatformTransactionManager transactions,
            ExportProperties properties,
            TransitionRemovalLog removals,
            AdverseEventPolicy adverseEvents) {
        return new ExportPurger(
                jobs,
                storage,
                new TransactionTemplate(transactions),
                properties.retention(),
                removals,
                properties.removalRetention(),
                Clock.systemUTC());
    }

    @Bean
    public JobDefinition<ExportJobParameters> researchExportJob(
            PatientJobSteps steps,
            DaoRegistry daos,
            FactStore facts,
            MappingCatalogue catalog,
            TransitionStore store,
            DeidEngines deidEngines,
            ExportStorage storage,
            FhirContext fhirContext,
            ExportProperties properties,
            org.springframework.core.env.Environment environment,
            TransitionRemovalLog removals,
            AdverseEventPolicy adverseEvents,
            SetValuedPolicy setValued,
            ReleasePolicyProperties releasePolicy) {
        RegistryPusher registry = properties.registryUrl() == null
                ? null
                : new RegistryPusher(
                        fhirContext,
                        () -> environment.resolveRequiredPlaceholders(properties.registryUrl()),
                        properties.registryToken());
        return ResearchExportJob.definition(
                steps.select(
                        properties.patientsPerChunk(),
                        ResearchExportJob.STAGE_STEP,
                        new ExportPatientSelection(daos, removals)),
                steps.stage(
                        "Research export",
                        new ExportStager(
                                facts,
                                catalog,
                                store,
                                new TransitionBundleAssembler(daos),
                                deidEngines,
                                storage,
                                fhirContext,
                                adverseEvents)),
                new WriteOutputStep(
                        storage,
                        properties.linesPerPart(),
                        registry,
                        deidEngines,
                        catalog,
                        releasePolicy.dayOffsetWindow(),
                        releasePolicy.minValueHolders(),
                        adverseEvents,
                        setValued));
    }

    @Bean
    public RestfulServerContributor researchExportOperations(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            ExportStorage storage,
            ExportProperties properties,
            ObjectProvider<ResearchExportAccess> access,
            DeidEngines deidEngines,
            DaoRegistry daos,
            SetValuedPolicy setValued) {
        return server -> server.registerProvider(new ResearchExportProvider(
                jobs,
                maintenance,
                storage,
                properties,
                access.getIfAvailable(() -> ResearchExportAccess.ALLOW_ALL),
                new PollThrottle(properties.minPollInterval(), Clock.systemUTC()),
                deidEngines::checkKey,
                daos,
                setValued.m()));
    }
}
