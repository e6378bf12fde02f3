package org.transitionnet.server.product.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
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
import org.transitionnet.server.product.export.job.ResearchExportJob;
import org.transitionnet.server.product.export.job.SelectExportPatientsStep;
import org.transitionnet.server.product.export.job.StageRecordsStep;
import org.transitionnet.server.product.export.job.WriteOutputStep;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.DeidProperties;
import org.transitionnet.server.release.deid.DeidRuleSet;
import org.transitionnet.server.release.policy.ResearchPatients;

/**
 * Research export: the de-identification engines (one per export, keyed on use, so a server without a
 * key starts and serves everything else but refuses exports), the Batch2 job and the Bulk Data operations.
 */
@Configuration
public class ExportConfig {

    @Bean
    public DeidRuleSet deidRuleSet(ResourceLoader resources, DeidProperties properties) {
        try (InputStream in = resources.getResource(properties.rules()).getInputStream()) {
            return DeidRuleSet.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read de-identification rules from " + properties.rules(), e);
        }
    }

    /** One engine per export (its release time, and its own key when pseudonyms must not link); the key is read on use. */
    @Bean
    public DeidEngines deidEngines(FhirContext fhirContext, DeidRuleSet rules, DeidProperties properties) {
        return new DeidEngines(fhirContext, rules, properties, Clock.systemUTC());
    }

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
