package org.transitionnet.server.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Quick start: starts a real PostgreSQL 16 (zonky embedded binaries) with its cluster under
 * {@code transitionnet.db.embedded.data-directory} and points the server's connection pool at it, so a
 * first run needs no database installation and behaves like production. Boot's own DataSource backs off
 * because this one exists.
 */
@Configuration
@Conditional(EmbeddedDatabaseCondition.class)
public class EmbeddedPostgresConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);
    private static final String SUPERUSER = "postgres";

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
        Path dataDirectory =
                Path.of(properties.dataDirectory()).toAbsolutePath().normalize();
        long start = System.currentTimeMillis();
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(properties.port())
                    .start();
            createDatabaseIfMissing(postgres, properties.database());
            log.info(
                    "Embedded PostgreSQL started on localhost:{} in {} ms, data in {} (quick start; set spring.datasource.url "
                            + "to use your own PostgreSQL)",
                    postgres.getPort(),
                    System.currentTimeMillis() - start,
                    dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the embedded PostgreSQL in " + dataDirectory
                            + " (its binaries are for Linux x86-64; elsewhere set spring.datasource.url)",
                    e);
        }
    }

    /** The server's pool, on the embedded cluster; {@code spring.datasource.hikari.*} applies as usual. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(
            EmbeddedPostgres postgres,
            EmbeddedDatabaseProperties properties,
            DataSourceProperties dataSourceProperties) {
        return dataSourceProperties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + properties.database())
                .username(SUPERUSER)
                .password("")
                .build();
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            log.info("Created database {} in the embedded PostgreSQL", database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in the embedded PostgreSQL", e);
        }
    }
}
