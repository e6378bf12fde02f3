package org.transitionnet.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresBatchInsertsTest {

    @Test
    void postgresPoolsGetMultiRowInserts() {
        HikariDataSource pool = pool("jdbc:postgresql://localhost:5432/transitionnet");
        new PostgresBatchInserts(true).postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
    }

    @Test
    void anExplicitDriverSettingIsKept() {
        HikariDataSource pool = pool("jdbc:postgresql://localhost:5432/transitionnet");
        pool.addDataSourceProperty("reWriteBatchedInserts", "false");
        new PostgresBatchInserts(true).postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "false");
    }

    @Test
    void otherDatabasesAndTheSwitchedOffSettingAreLeftAlone() {
        HikariDataSource h2 = pool("jdbc:h2:mem:test");
        new PostgresBatchInserts(true).postProcessAfterInitialization(h2, "dataSource");
        assertThat(h2.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");

        HikariDataSource off = pool("jdbc:postgresql://localhost:5432/transitionnet");
        new PostgresBatchInserts(false).postProcessAfterInitialization(off, "dataSource");
        assertThat(off.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
