package org.transitionnet.server.app;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.transitionnet.server.config.Batch2Tuning;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.DatabaseProperties;
import org.transitionnet.server.config.FhirServerProperties;
import org.transitionnet.server.config.JobsProperties;
import org.transitionnet.server.config.PostgresBatchInserts;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.config.StartupLock;
import org.transitionnet.server.record.ingest.IngestProperties;

/**
 * Wires HAPI FHIR JPA (R4) onto Spring Boot's DataSource: HAPI's persistence unit, its DAOs and
 * resource providers, and its Batch2 job engine (which distributes work between server nodes
 * sharing one database).
 */
@Configuration
@EnableTransactionManagement
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    // HAPI's JpaBatch2Config, with the number of workers per node from transitionnet.jobs.workers.
    Batch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    // In-process message channels: Batch2 announces work chunks through them; the chunks themselves
    // live in the shared database, and the cluster package records which node holds each, so the work of
    // a node that dies is taken over by another.
    SubscriptionChannelConfig.class
})
public class FhirJpaConfig {

    /** Recognised from the pool's own connection, so the embedded quick-start database counts too. */
    /**
     * Multi-row inserts for HAPI's batched index rows (see {@link PostgresBatchInserts}); static, because a
     * post-processor is created before the configuration it belongs to.
     */
    @Bean
    public static PostgresBatchInserts postgresBatchInserts(org.springframework.core.env.Environment environment) {
        return new PostgresBatchInserts(
                environment.getProperty("transitionnet.db.rewrite-batched-inserts", Boolean.class, true));
    }

    @Bean
    public DatabaseKind databaseKind(DataSource dataSource) {
        return DatabaseKind.of(dataSource);
    }

    /**
     * Serializes the starts of nodes sharing the database (see {@link StartupLock}): taken here, before the schema
     * migration and HAPI's first writes, released once the context has started (the quick start's sample data,
     * stored after that, takes it again for itself).
     */
    @Bean
    public StartupLock startupLock(DataSource dataSource, DatabaseKind databaseKind, DatabaseProperties db) {
        StartupLock lock = new StartupLock(dataSource, databaseKind, db.startupLockTimeout());
        lock.holdForStart();
        return lock;
    }

    @Bean
    public ApplicationListener<ContextRefreshedEvent> startupLockRelease(StartupLock startupLock) {
        return started -> startupLock.releaseAfterStart();
    }

    @Bean
    public SchemaMigration schemaMigration(
            DataSource dataSource, DatabaseKind databaseKind, DatabaseProperties db, StartupLock startupLock) {
        SchemaMigration migration = new SchemaMigration(dataSource, databaseKind);
        if (db.schema() == DatabaseProperties.SchemaStrategy.MIGRATE) {
            // HAPI's migrator has a lock row of its own; under the start-up lock it is never contended.
            startupLock.whileHolding("schema migration", migration::migrate);
        } else if (db.schema() == DatabaseProperties.SchemaStrategy.VALIDATE) {
            migration.validateOwnTables();
        }
        return migration;
    }

    @Bean
    public JpaStorageSettings jpaStorageSettings(FhirServerProperties fhir, IngestProperties ingest) {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
        settings.setAllowExternalReferences(false);
        settings.setAllowInlineMatchUrlReferences(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setEnforceReferentialIntegrityOnWrite(ingest.enforceReferentialIntegrity());
        settings.setEnforceReferentialIntegrityOnDelete(ingest.enforceReferentialIntegrity());
        settings.setMassIngestionMode(ingest.massIngestionMode());
        settings.setMatchUrlCacheEnabled(ingest.matchUrlCache());
        settings.setIndexStorageOptimized(ingest.indexStorageOptimized());
        settings.setAllowMultipleDelete(fhir.allowMultipleDelete());
        settings.setExpungeEnabled(fhir.expungeEnabled());
        // Derivation writes transitions in the background: a search must not be answered from an earlier
        // identical search's stored results, or it misses them (HAPI reuses them for 60 s by default).
        settings.setReuseCachedSearchResultsForMillis(
                fhir.reuseCachedSearchResultsMs() > 0 ? fhir.reuseCachedSearchResultsMs() : null);
        settings.setDeleteExpungeEnabled(fhir.expungeEnabled());
        // No cap on synchronous searches: derivation reads whole patient histories in one synchronous
        // search (tens of thousands of Observations). Clients' pages are bounded by the paging provider.
        // Full-text (Lucene/Elasticsearch) indexing is not configured: all search runs on SQL indexes.
        settings.setAdvancedHSearchIndexing(false);
        settings.setHibernateSearchIndexFullText(false);
        settings.setHibernateSearchIndexSearchParams(false);
        // Pre-expansion of ValueSets into terminology tables needs the full-text index; the IG's value
        // sets are small and expand in memory.
        settings.setPreExpandValueSets(false);
        return settings;
    }

    /**
     * How often Batch2 hands ready work chunks to workers (HAPI's default is a minute); shorter keeps
     * incremental re-derivation prompt at the cost of one small query per interval and node.
     */
    @Bean
    public Batch2Tuning batch2Tuning(JobMaintenanceServiceImpl maintenance, JobsProperties jobs) {
        return new Batch2Tuning(maintenance, jobs);
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            DatabaseKind databaseKind,
            DatabaseProperties db,
            StartupLock startupLock,
            SchemaMigration schemaMigration) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaProperties(hibernateProperties(databaseKind, db));
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    private static Properties hibernateProperties(DatabaseKind databaseKind, DatabaseProperties db) {
        Properties props = new Properties();
        props.put("hibernate.dialect", databaseKind.hibernateDialect());
        // The schema belongs to HAPI's migrator (SchemaMigration), never to Hibernate's DDL generation.
        props.put(
                "hibernate.hbm2ddl.auto",
                db.schema() == DatabaseProperties.SchemaStrategy.VALIDATE ? "validate" : "none");
        props.put("hibernate.search.enabled", "false");
        props.put("hibernate.jdbc.batch_size", String.valueOf(db.jdbcBatchSize()));
        props.put("hibernate.order_inserts", "true");
        props.put("hibernate.order_updates", "true");
        props.put("hibernate.cache.use_query_cache", "false");
        props.put("hibernate.cache.use_second_level_cache", "false");
        props.put("hibernate.cache.use_structured_entries", "false");
        props.put("hibernate.cache.use_minimal_puts", "false");
        props.put("hibernate.format_sql", "false");
        props.put("hibernate.show_sql", "false");
        return props;
    }
}
