package org.transitionnet.server.product.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
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
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.product.export.job.ExportJobParameters;
import org.transitionnet.server.product.export.job.ExportStorage;
import org.transitionnet.server.product.export.job.RegistryPusher;
import org.transitionnet.server.product.export.job.ResearchExportJob;
import org.transitionnet.server.product.export.job.SelectExportPatientsStep;
import org.transitionnet.server.product.export.job.StageRecordsStep;
import org.transitionnet.server.product.export.job.TransitionRemovalLog;
import org.transitionnet.server.product.export.job.WriteOutputStep;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.ResearchPatients;

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
            TransitionRemovalLog removals) {
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
            DaoRegistry daos,
            FactStore facts,
            MappingCatalogue catalog,
            TransitionStore store,
            DeidEngines deidEngines,
            ExportStorage storage,
            IHapiTransactionService transactions,
            FhirContext fhirContext,
            ExportProperties properties,
            org.springframework.core.env.Environment environment,
            TransitionRemovalLog removals,
            ResearchPatients patients,
            org.springframework.jdbc.core.JdbcTemplate jdbc) {
        RegistryPusher registry = properties.registryUrl() == null
                ? null
                : new RegistryPusher(
                        fhirContext,
                        () -> environment.resolveRequiredPlaceholders(properties.registryUrl()),
                        properties.registryToken());
        return ResearchExportJob.definition(
                new SelectExportPatientsStep(daos, properties.patientsPerChunk(), removals, new CreatedChunks(jdbc)),
                new StageRecordsStep(
                        daos,
                        facts,
                        catalog,
                        store,
                        new TransitionBundleAssembler(daos),
                        deidEngines,
                        patients,
                        storage,
                        transactions,
                        fhirContext),
                new WriteOutputStep(storage, properties.linesPerPart(), registry, deidEngines));
    }

    @Bean
    public RestfulServerContributor researchExportOperations(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            ExportStorage storage,
            ExportProperties properties,
            ObjectProvider<ResearchExportAccess> access,
            DeidEngines deidEngines,
            DaoRegistry daos) {
        return server -> server.registerProvider(new ResearchExportProvider(
                jobs,
                maintenance,
                storage,
                properties,
                access.getIfAvailable(() -> ResearchExportAccess.ALLOW_ALL),
                new PollThrottle(properties.minPollInterval(), Clock.systemUTC()),
                deidEngines::checkKey,
                daos));
    }
}
