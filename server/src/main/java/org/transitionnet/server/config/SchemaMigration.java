package org.transitionnet.server.config;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Set;

/**
 * Brings the database schema to the version HAPI expects, using HAPI's own versioned migration
 * tasks (the same ones its CLI runs), so an existing database is upgraded rather than recreated.
 * The migrator takes a database lock, so several server nodes starting together are safe.
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
		log.info("Database schema ({}) is current: {} migration tasks applied in {} ms",
				databaseKind, result.succeededTasks.size(), System.currentTimeMillis() - start);
	}
}
