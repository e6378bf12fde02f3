package org.transitionnet.server.config;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema to the version HAPI expects, using HAPI's own versioned migration
 * tasks (the same ones its CLI runs), so an existing database is upgraded rather than recreated.
 * It runs under the {@link StartupLock} (and the migrator takes its own lock row too), so of several nodes
 * starting together one migrates and the others find the schema current. TransitionNet's
 * own tables follow in the same way ({@link TransitionNetMigrations}, their own migration table).
 */
public class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final DataSource dataSource;
    private final DatabaseKind databaseKind;

    public SchemaMigration(DataSource dataSource, DatabaseKind databaseKind) {
        this.dataSource = dataSource;
        this.databaseKind = databaseKind;
    }

    public void migrate() {
        long start = System.currentTimeMillis();
        HapiMigrator migrator = new HapiMigrator(
                SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource, databaseKind.migrationDriverType());
        MigrationTaskList tasks = new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values());
        migrator.addTasks(tasks);
        migrator.createMigrationTableIfRequired();
        MigrationResult result = migrator.migrate();
        log.info(
                "Database schema ({}) is current: {} migration tasks applied in {} ms",
                databaseKind,
                result.succeededTasks.size(),
                System.currentTimeMillis() - start);
        HapiMigrator own = new HapiMigrator(
                TransitionNetMigrations.MIGRATION_TABLE, dataSource, databaseKind.migrationDriverType());
        own.addTasks(TransitionNetMigrations.tasks());
        own.createMigrationTableIfRequired();
        MigrationResult ownResult = own.migrate();
        log.info("TransitionNet tables are current: {} migration tasks applied", ownResult.succeededTasks.size());
    }

    /** For {@code transitionnet.db.schema=validate}: every table of ours must exist; fails the start otherwise. */
    public void validateOwnTables() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            for (String table : TransitionNetMigrations.TABLES) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(
                            "transitionnet.db.schema=validate: table " + table
                                    + " is missing; run the server once with transitionnet.db.schema=migrate",
                            e);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot check the schema", e);
        }
    }
}
