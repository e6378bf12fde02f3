package org.transitionnet.server.support;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Which PostgreSQL the tests use, decided in a fixed order so that {@code ./mvnw verify} passes on a machine
 * with only a JDK: a server named explicitly, else Testcontainers when a Docker engine answers, else a local
 * server on {@code localhost:5432} when it answers, else an embedded PostgreSQL started by the tests.
 * {@code TRANSITIONNET_TEST_DB=embedded} asks for the embedded one directly.
 */
public enum TestDatabaseChoice {
    EXPLICIT("the PostgreSQL named by TRANSITIONNET_TEST_DB_URL"),
    TESTCONTAINERS("a Testcontainers PostgreSQL 16 (Docker)"),
    LOCAL_SERVER("the local PostgreSQL at " + TestDatabaseChoice.LOCAL_URL),
    EMBEDDED("an embedded PostgreSQL 16 started by the tests");

    public static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/test";

    private final String description;

    TestDatabaseChoice(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * @param forced      {@code TRANSITIONNET_TEST_DB} ({@code embedded} or unset)
     * @param explicitUrl {@code TRANSITIONNET_TEST_DB_URL} or null
     * @param docker      whether a Docker engine answers (asked only when needed)
     * @param answers     whether a JDBC URL accepts a connection (asked only when needed)
     */
    public static TestDatabaseChoice choose(
            String forced, String explicitUrl, BooleanSupplier docker, Predicate<String> answers) {
        if ("embedded".equalsIgnoreCase(forced)) {
            return EMBEDDED;
        }
        if (explicitUrl != null && !explicitUrl.isBlank()) {
            return EXPLICIT;
        }
        if (docker.getAsBoolean()) {
            return TESTCONTAINERS;
        }
        return answers.test(LOCAL_URL) ? LOCAL_SERVER : EMBEDDED;
    }
}
