package org.transitionnet.server.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The databases the server supports, recognised from the JDBC URL so that pointing
 * {@code spring.datasource.url} at another database is the only switch an operator needs.
 */
public enum DatabaseKind {
    POSTGRESQL("jdbc:postgresql:", HapiFhirPostgresDialect.class, DriverTypeEnum.POSTGRES_9_4),
    H2("jdbc:h2:", HapiFhirH2Dialect.class, DriverTypeEnum.H2_EMBEDDED);

    private final String urlPrefix;
    private final Class<?> dialect;
    private final DriverTypeEnum driverType;

    DatabaseKind(String urlPrefix, Class<?> dialect, DriverTypeEnum driverType) {
        this.urlPrefix = urlPrefix;
        this.dialect = dialect;
        this.driverType = driverType;
    }

    public static DatabaseKind fromJdbcUrl(String jdbcUrl) {
        for (DatabaseKind kind : values()) {
            if (jdbcUrl != null && jdbcUrl.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalStateException("Unsupported database URL '" + jdbcUrl
                + "': TransitionNet runs on PostgreSQL (production) or H2 (quick start)");
    }

    /** The kind of the database a DataSource connects to, from the JDBC URL of one of its connections. */
    public static DatabaseKind of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fromJdbcUrl(connection.getMetaData().getURL());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
        }
    }

    public String hibernateDialect() {
        return dialect.getName();
    }

    public DriverTypeEnum migrationDriverType() {
        return driverType;
    }
}
