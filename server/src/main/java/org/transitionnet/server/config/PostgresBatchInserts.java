package org.transitionnet.server.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Turns on the PostgreSQL driver's {@code reWriteBatchedInserts} for the server's connection pool: Hibernate
 * sends HAPI's index rows as JDBC batches ({@code transitionnet.db.jdbc-batch-size}), and the driver then
 * sends each batch of one statement as a few multi-row {@code INSERT}s instead of one round trip per row.
 * Applied before the pool opens its first connection, to PostgreSQL URLs only (H2 knows no such setting);
 * {@code transitionnet.db.rewrite-batched-inserts=false} leaves the driver's default.
 */
public class PostgresBatchInserts implements BeanPostProcessor {

    static final String DRIVER_PROPERTY = "reWriteBatchedInserts";

    private final boolean enabled;

    public PostgresBatchInserts(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (enabled
                && bean instanceof HikariDataSource pool
                && isPostgres(pool.getJdbcUrl())
                && !pool.getDataSourceProperties().containsKey(DRIVER_PROPERTY)) {
            pool.addDataSourceProperty(DRIVER_PROPERTY, "true");
        }
        return bean;
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
