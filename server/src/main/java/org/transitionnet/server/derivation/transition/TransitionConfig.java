package org.transitionnet.server.derivation.transition;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.delete.ThreadSafeResourceDeleterSvc;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.derivation.trajectory.TrajectoryBuilder;
import org.transitionnet.server.derivation.trajectory.TrajectoryOperationProvider;
import org.transitionnet.server.derivation.transition.incremental.DerivationBacklog;
import org.transitionnet.server.derivation.transition.incremental.DerivationHealthIndicator;
import org.transitionnet.server.derivation.transition.incremental.DerivationLedger;
import org.transitionnet.server.derivation.transition.incremental.DerivationReconciler;
import org.transitionnet.server.derivation.transition.incremental.DerivedDependentsDeleter;
import org.transitionnet.server.derivation.transition.incremental.DirtyPatientFlusher;
import org.transitionnet.server.derivation.transition.incremental.DirtyPatientQueue;
import org.transitionnet.server.derivation.transition.incremental.HandedJobWatch;
import org.transitionnet.server.derivation.transition.incremental.SourceChangeInterceptor;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.derivation.transition.job.DeriveJobParameters;
import org.transitionnet.server.derivation.transition.job.DerivePatientsStep;
import org.transitionnet.server.derivation.transition.job.DeriveTransitionsJob;
import org.transitionnet.server.derivation.transition.job.SelectPatientsStep;
import org.transitionnet.server.record.facts.FactRebuilder;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.record.mapping.MappingProperties;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.SourceTypes;
import org.transitionnet.server.record.mapping.UnitConverter;
import org.transitionnet.server.record.patient.PatientRecordLoader;

/** Transition derivation: mapping engine, storage, the Batch2 job, incremental re-derivation and the operations. */
@Configuration
@EnableScheduling
public class TransitionConfig {

    private static final Logger log = LoggerFactory.getLogger(TransitionConfig.class);

    @Bean
    public MappingCatalogue mappingCatalog(ResourceLoader resources, MappingProperties properties) {
        MappingCatalogue catalog = new MappingCatalogLoader(resources).load(properties.location());
        log.info(
                "Mapping catalogue {} loaded from {}: {} state variables, {} action kinds, {} action classes",
                catalog.version(),
                properties.location(),
                catalog.stateVariables().size(),
                catalog.actionKinds().size(),
                catalog.actionClasses().size());
        return catalog;
    }

    @Bean
    public SourceTypes sourceTypes(MappingCatalogue catalog) {
        return new SourceTypes(catalog);
    }

    @Bean
    public TransitionDeriver transitionDeriver(MappingCatalogue catalog, TransitionProperties properties) {
        return new TransitionDeriver(
                catalog,
                new ObservationClassifier(catalog, new UnitConverter()),
                new EpisodeBuilder(
                        new ActionClassifier(catalog), properties.episodeMergeGapDays(), properties.renewalGapDays()));
    }

    @Bean
    public PatientRecordLoader patientRecordLoader(DaoRegistry daos, MappingCatalogue catalog) {
        return new PatientRecordLoader(daos, catalog.actionPatientReferences());
    }

    @Bean
    public TransitionStore transitionStore(
            DaoRegistry daos, MappingCatalogue catalog, FhirContext fhirContext, EntityManagerFactory entityManagers) {
        return new TransitionStore(
                daos,
                new TransitionResourceFactory(catalog),
                fhirContext,
                SharedEntityManagerCreator.createSharedEntityManager(entityManagers));
    }

    @Bean
    public NotDerivedStore notDerivedStore(
            JdbcTemplate jdbc, org.transitionnet.server.config.SchemaMigration schemaReady) {
        return new NotDerivedStore(jdbc);
    }

    @Bean
    public DerivationService derivationService(
            PatientRecordLoader loader,
            FactStore facts,
            FactRebuilder rebuilder,
            NotDerivedStore notDerived,
            TransitionDeriver deriver,
            TransitionStore store,
            IHapiTransactionService transactions,
            JdbcTemplate jdbc,
            DatabaseKind databaseKind,
            EntityManagerFactory entityManagers,
            DerivationLedger ledger,
            DirtyPatientQueue marks) {
        return new DerivationService(
                loader,
                facts,
                rebuilder,
                notDerived,
                deriver,
                store,
                transactions,
                new PatientDerivationLock(jdbc, databaseKind),
                SharedEntityManagerCreator.createSharedEntityManager(entityManagers),
                ledger,
                marks);
    }

    @Bean
    public DerivationLedger derivationLedger(
            JdbcTemplate jdbc, DatabaseKind databaseKind, org.transitionnet.server.config.SchemaMigration schemaReady) {
        return new DerivationLedger(jdbc, databaseKind);
    }

    @Bean
    public DerivationBacklog derivationBacklog(DirtyPatientQueue queue, DerivationLedger ledger) {
        return new DerivationBacklog(queue, ledger);
    }

    /** {@code /actuator/health} component "derivation". */
    @Bean
    public DerivationHealthIndicator derivationHealthIndicator(DerivationBacklog backlog) {
        return new DerivationHealthIndicator(backlog);
    }

    @Bean
    public JobDefinition<DeriveJobParameters> deriveTransitionsJob(
            DaoRegistry daos, DerivationService derivation, TransitionProperties properties, JdbcTemplate jdbc) {
        return DeriveTransitionsJob.definition(
                new SelectPatientsStep(daos, properties.patientsPerChunk(), new CreatedChunks(jdbc)),
                new DerivePatientsStep(derivation));
    }

    @Bean
    public DirtyPatientQueue dirtyPatientQueue(
            JdbcTemplate jdbc, DatabaseKind databaseKind, org.transitionnet.server.config.SchemaMigration schemaReady) {
        DirtyPatientQueue queue = new DirtyPatientQueue(jdbc, databaseKind);
        return queue;
    }

    @Bean
    public DerivedDependentsDeleter derivedDependentsDeleter(
            ThreadSafeResourceDeleterSvc deleter, IInterceptorService interceptors) {
        DerivedDependentsDeleter interceptor = new DerivedDependentsDeleter(deleter);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    @ConditionalOnProperty(name = "transitionnet.transition.incremental", havingValue = "true", matchIfMissing = true)
    public SourceChangeInterceptor sourceChangeInterceptor(
            DirtyPatientQueue queue, SourceTypes sourceTypes, IInterceptorService interceptors) {
        SourceChangeInterceptor interceptor = new SourceChangeInterceptor(queue, sourceTypes);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    @ConditionalOnProperty(name = "transitionnet.transition.incremental", havingValue = "true", matchIfMissing = true)
    public DirtyPatientFlusher dirtyPatientFlusher(
            DirtyPatientQueue queue,
            IJobCoordinator jobs,
            ca.uhn.fhir.batch2.api.IJobMaintenanceService maintenance,
            PlatformTransactionManager tx,
            TransitionProperties properties) {
        HandedJobWatch watch =
                new HandedJobWatch(queue, jobs, Duration.ofMillis(properties.stalledJobTimeoutMs()), Clock.systemUTC());
        return new DirtyPatientFlusher(queue, watch, jobs, maintenance, new TransactionTemplate(tx));
    }

    @Bean
    @ConditionalOnProperty(name = "transitionnet.transition.incremental", havingValue = "true", matchIfMissing = true)
    public DerivationReconciler derivationReconciler(DirtyPatientQueue queue) {
        return new DerivationReconciler(queue);
    }

    @Bean
    public RestfulServerContributor transitionOperations(
            PatientRecordLoader loader,
            TransitionStore store,
            DaoRegistry daos,
            NotDerivedStore notDerived,
            FactStore facts,
            TransitionDeriver deriver,
            IJobCoordinator jobs,
            ca.uhn.fhir.batch2.api.IJobMaintenanceService maintenance,
            DerivationBacklog backlog) {
        return server -> {
            server.registerProvider(
                    new TransitionsOperationProvider(loader, store, new TransitionBundleAssembler(daos), notDerived));
            server.registerProvider(
                    new TrajectoryOperationProvider(loader, new TrajectoryBuilder(facts, deriver, store)));
            server.registerProvider(new RederiveOperationProvider(jobs, maintenance, daos, backlog));
        };
    }
}
