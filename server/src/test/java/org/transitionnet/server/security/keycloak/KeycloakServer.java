package org.transitionnet.server.security.keycloak;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.transitionnet.server.support.PackagedServer;

/**
 * A real Keycloak (the server distribution unpacked by the {@code keycloak} Maven profile) run in development mode
 * with an in-memory database and the committed realm of {@code tools/keycloak/}: the identity provider an operator
 * puts in front of TransitionNet. The realm's audience placeholder is filled with the FHIR base URL the tokens are for.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "transitionnet";
    static final String REALM_FILE = "transitionnet-realm.json";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private KeycloakServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The unpacked distribution named by {@code transitionnet.keycloak.home} (set by the Maven profile). */
    static Path home() {
        return Path.of(System.getProperty("transitionnet.keycloak.home"));
    }

    /** Where the realm import and the test-only client key are committed. */
    static Path realmDirectory() {
        return Path.of(System.getProperty("transitionnet.keycloak.realm-dir", "../tools/keycloak"));
    }

    /**
     * Starts {@code kc.sh start-dev} on free ports and waits until the realm answers discovery. The first start after
     * unpacking also builds Keycloak's optimized configuration, which takes a minute or more.
     */
    static KeycloakServer start(String fhirAudience, Path workDir, Duration timeout) throws Exception {
        Path home = home();
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(
                realmDirectory().resolve(REALM_FILE), imports.resolve(REALM_FILE), StandardCopyOption.REPLACE_EXISTING);
        int port = PackagedServer.freePort();
        Path log = workDir.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-port=" + port,
                        "--http-management-port=" + PackagedServer.freePort(),
                        "--db=dev-mem",
                        "--import-realm"))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TRANSITIONNET_FHIR_AUDIENCE", fhirAudience);
        // Keycloak's default heap is a share of the machine's memory; a test realm needs little.
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        KeycloakServer server = new KeycloakServer(builder.start(), log, port);
        try {
            server.awaitRealm(timeout);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    String authorizationEndpoint() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitRealm(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException notYetListening) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Keycloak did not serve realm " + REALM + " within " + timeout + ":\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        // kc.sh execs Java, but a first start builds in a child process first: end the whole tree.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
