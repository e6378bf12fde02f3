package org.transitionnet.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The tests' last fallback really works on this machine: the embedded PostgreSQL starts, and the fresh test
 * database on it accepts what the server needs (PostgreSQL 16, DDL, jsonb).
 */
class EmbeddedTestDatabaseIT {

    @Test
    void embeddedFallbackGivesAFreshWritablePostgres16Database() throws Exception {
        TestDatabase database = TestDatabase.embedded();

        assertThat(database.url()).startsWith("jdbc:postgresql://localhost:").contains("/tn_test_");
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery("SHOW server_version")) {
                version.next();
                assertThat(version.getString(1)).startsWith("16.");
            }
            statement.execute("CREATE TABLE probe (doc jsonb)");
            statement.execute("INSERT INTO probe VALUES ('{\"resourceType\":\"Patient\"}')");
            try (ResultSet tables =
                    statement.executeQuery("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).isEqualTo(1);
            }
        }
    }
}
