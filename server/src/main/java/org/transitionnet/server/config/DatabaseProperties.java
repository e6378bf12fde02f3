package org.transitionnet.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the server treats its database schema and JDBC batching.
 *
 * @param schema             {@code migrate}: HAPI's own versioned migrator creates or upgrades the
 *                           schema at start (production default); {@code validate}: only check it;
 *                           {@code none}: leave it to an external migration step.
 * @param jdbcBatchSize      statements per JDBC batch when HAPI writes index rows.
 */
@ConfigurationProperties("transitionnet.db")
public record DatabaseProperties(SchemaStrategy schema, Integer jdbcBatchSize) {

	public enum SchemaStrategy {
		MIGRATE,
		VALIDATE,
		NONE
	}

	public DatabaseProperties {
		schema = schema == null ? SchemaStrategy.MIGRATE : schema;
		jdbcBatchSize = jdbcBatchSize == null ? 50 : jdbcBatchSize;
	}
}
