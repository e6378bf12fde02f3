package org.transitionnet.server.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL the tests run against, one fresh database per test JVM so counts and
 * "nothing was written" assertions never see another run's rows.
 * <ol>
 *   <li>{@code TRANSITIONNET_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) names a server explicitly;</li>
 *   <li>otherwise a Testcontainers PostgreSQL 16 when a Docker engine is available;</li>
 *   <li>otherwise a server at {@code jdbc:postgresql://localhost:5432/test}, user {@code postgres}.</li>
 * </ol>
 * The fresh database is created on that server and dropped when the JVM exits.
 */
public final class TestDatabase {

	private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/test";
	private static TestDatabase instance;

	private final String url;
	private final String username;
	private final String password;

	private TestDatabase(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
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
		if (explicitUrl == null && dockerAvailable()) {
			PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		String serverUrl = explicitUrl != null ? explicitUrl : DEFAULT_URL;
		return freshDatabaseOn(serverUrl, user, password);
	}

	private static TestDatabase freshDatabaseOn(String serverUrl, String user, String password) {
		String name = "tn_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		} catch (SQLException e) {
			throw new IllegalStateException("""
					The tests need a real PostgreSQL and none could be used.
					No Docker engine is available for Testcontainers, and connecting to %s as '%s' failed: %s
					Provide one of:
					  - a local PostgreSQL on localhost:5432 (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)
					  - TRANSITIONNET_TEST_DB_URL=jdbc:postgresql://HOST:PORT/DB (+ TRANSITIONNET_TEST_DB_USER, TRANSITIONNET_TEST_DB_PASSWORD);
					    the user must be allowed to CREATE DATABASE
					  - a running Docker engine (Testcontainers starts postgres:16-alpine)"""
					.formatted(serverUrl, user, e.getMessage()), e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, name)));
		return new TestDatabase(replaceDatabaseName(serverUrl, name), user, password);
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
