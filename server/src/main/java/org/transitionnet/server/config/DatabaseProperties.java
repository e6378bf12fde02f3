package org.transitionnet.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the server treats its database schema and JDBC batching.
 *
 * @param schema             {@code migrate}: HAPI's own versioned migrator creates or upgrades the
 *                           schema at start (production default); {@code validate}: only check it;
 *                           {@code none}: leave it to an external migration step.
 * @param jdbcBatchSize      statements per JDBC batch when HAPI writes index rows.
 * @param startupLockTimeout how long a starting node waits for another node's start-up work on the same
 *                           database (schema migration, IG installation, sample data) before it gives up.
 */
@ConfigurationProperties("transitionnet.db")
public record DatabaseProperties(SchemaStrategy schema, Integer jdbcBatchSize, java.time.Duration startupLockTimeout) {

    public enum SchemaStrategy {
        MIGRATE,
        VALIDATE,
        NONE
    }

    public DatabaseProperties {
        schema = schema == null ? SchemaStrategy.MIGRATE : schema;
        jdbcBatchSize = jdbcBatchSize == null ? 50 : jdbcBatchSize;
        startupLockTimeout = startupLockTimeout == null ? java.time.Duration.ofMinutes(10) : startupLockTimeout;
    }
}
