package org.transitionnet.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL the server starts itself for the quick start, so that a first run needs nothing but a
 * JDK and still runs on the database production uses. Ignored whenever {@code spring.datasource.url}
 * names a database.
 *
 * @param enabled       start it (profile {@code quickstart}); off by default and in production
 * @param dataDirectory where its cluster lives; kept across restarts
 * @param port          its TCP port on localhost; 0: a free port per start
 * @param database      the database the server uses inside it
 */
@ConfigurationProperties("transitionnet.db.embedded")
public record EmbeddedDatabaseProperties(Boolean enabled, String dataDirectory, Integer port, String database) {

    public EmbeddedDatabaseProperties {
        enabled = enabled != null && enabled;
        dataDirectory = dataDirectory == null || dataDirectory.isBlank() ? "./data/postgres" : dataDirectory;
        port = port == null ? 0 : port;
        database = database == null || database.isBlank() ? "transitionnet" : database;
    }
}
