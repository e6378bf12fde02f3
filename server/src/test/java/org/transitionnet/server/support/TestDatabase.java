package org.transitionnet.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL the tests run against, one fresh database per test JVM so counts and
 * "nothing was written" assertions never see another run's rows. Which server is chosen by
 * {@link TestDatabaseChoice}: {@code TRANSITIONNET_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}), else
 * Testcontainers, else {@code localhost:5432} as user {@code postgres}, else an embedded PostgreSQL.
 * The choice is printed as one line before the first test context starts.
 * The fresh database is created on that server and dropped when the JVM exits.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;
    private final String serverUrl;
    private final boolean dropAtExit;

    private TestDatabase(String url, String username, String password, String serverUrl, boolean dropAtExit) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.serverUrl = serverUrl;
        this.dropAtExit = dropAtExit;
    }

    /** Another fresh database on the same server, for a server process whose data must not meet the shared one's. */
    public TestDatabase another() {
        return freshDatabaseOn(serverUrl, username, password, dropAtExit);
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private static TestDatabase create() {
        String explicitUrl = System.getenv("TRANSITIONNET_TEST_DB_URL");
        String user = envOr("TRANSITIONNET_TEST_DB_USER", "postgres");
        String password = envOr("TRANSITIONNET_TEST_DB_PASSWORD", "");
        TestDatabaseChoice choice = TestDatabaseChoice.choose(
                System.getenv("TRANSITIONNET_TEST_DB"),
                explicitUrl,
                TestDatabase::dockerAvailable,
                url -> answers(url, user, password));
        TestDatabase database = switch (choice) {
            case EXPLICIT -> freshDatabaseOn(explicitUrl, user, password, true);
            case TESTCONTAINERS -> testcontainers();
            case LOCAL_SERVER -> freshDatabaseOn(TestDatabaseChoice.LOCAL_URL, user, password, true);
            case EMBEDDED -> embedded();
        };
        String why = choice != TestDatabaseChoice.EMBEDDED
                ? ""
                : "embedded".equalsIgnoreCase(System.getenv("TRANSITIONNET_TEST_DB"))
                        ? " (TRANSITIONNET_TEST_DB=embedded)"
                        : " (no Docker, no TRANSITIONNET_TEST_DB_URL, nothing on localhost:5432)";
        System.out.println("==> TransitionNet tests use " + choice.description() + why + ": " + database.url);
        return database;
    }

    private static TestDatabase testcontainers() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return new TestDatabase(
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword(),
                container.getJdbcUrl(),
                false);
    }

    /** A PostgreSQL 16 cluster in a temporary directory, removed with the JVM (the server's quick-start binaries). */
    static TestDatabase embedded() {
        try {
            Path dataDirectory = Files.createTempDirectory("transitionnet-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("Could not stop the embedded test PostgreSQL: " + e.getMessage());
                }
            }));
            // The whole cluster goes with the JVM: no database to drop.
            return freshDatabaseOn(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "", false);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The embedded test PostgreSQL did not start (its binaries are for Linux x86-64); "
                            + "set TRANSITIONNET_TEST_DB_URL or start Docker",
                    e);
        }
    }

    static boolean answers(String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static TestDatabase freshDatabaseOn(String serverUrl, String user, String password, boolean dropAtExit) {
        String name = "tn_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("""
					The tests could not create their database on %s as '%s': %s
					TRANSITIONNET_TEST_DB_URL (+ TRANSITIONNET_TEST_DB_USER, TRANSITIONNET_TEST_DB_PASSWORD) must name a PostgreSQL
					whose user may CREATE DATABASE; unset it to use Docker, localhost:5432 or an embedded PostgreSQL.""".formatted(serverUrl, user, e.getMessage()), e);
        }
        if (dropAtExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, name)));
        }
        return new TestDatabase(replaceDatabaseName(serverUrl, name), user, password, serverUrl, dropAtExit);
    }

    private static void drop(String serverUrl, String user, String password, String name) {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    static String replaceDatabaseName(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + params;
        }
        return base.substring(0, slash + 1) + database + params;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
