package org.transitionnet.server.derivation.transition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.record.facts.FactExtractor;
import org.transitionnet.server.record.facts.FactRebuilder;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.patient.PatientRecordLoader;

/** Derivation: the deriver, the transition store, the derivation service and its ledger and queue, and {@code $transitions}. */
@Configuration
public class TransitionConfig {

    private static final Logger log = LoggerFactory.getLogger(TransitionConfig.class);

    @Bean
    public TransitionDeriver transitionDeriver(
            MappingCatalogue catalog, FactExtractor extractor, TransitionProperties properties) {
        return new TransitionDeriver(
                catalog,
                extractor,
                new EpisodeBuilder(
                        new ActionClassifier(catalog), properties.episodeMergeGapDays(), properties.renewalGapDays()));
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

    @Bean
    public DirtyPatientQueue dirtyPatientQueue(
            JdbcTemplate jdbc, DatabaseKind databaseKind, org.transitionnet.server.config.SchemaMigration schemaReady) {
        DirtyPatientQueue queue = new DirtyPatientQueue(jdbc, databaseKind);
        return queue;
    }

    @Bean
    public RestfulServerContributor transitionOperations(
            PatientRecordLoader loader, TransitionStore store, DaoRegistry daos, NotDerivedStore notDerived) {
        return server -> server.registerProvider(
                new TransitionsOperationProvider(loader, store, new TransitionBundleAssembler(daos), notDerived));
    }
}
