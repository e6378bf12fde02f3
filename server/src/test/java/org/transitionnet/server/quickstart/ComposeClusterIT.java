package org.transitionnet.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.ComposeFile;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.ProcessTest;
import org.transitionnet.server.support.TestDatabase;

/**
 * {@code docker compose --profile cluster up} without a Docker engine: the profile's two server nodes and nginx load
 * balancer are checked as written, and the packaged jar runs twice, cold-started at the same moment on one fresh
 * database with exactly the environment the compose file gives each node (only the database address is the test
 * PostgreSQL's, and the mounted signing key is read where the compose file mounts it from). Both come up, validate
 * against the IG, accept each other's tokens; the IG package and the sample data are stored once, and the node that
 * starts second, like any restart, stores nothing new for the IG. (This also covers the single-node compose set-up:
 * its server is node 1, with the same environment.)
 */
@ProcessTest
class ComposeClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_OBSERVATION =
            "http://transitionnet.org/fhir/StructureDefinition/state-observation";
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\S+)\\s*\\{([^}]*)}");
    /** Start-up is serialized across nodes: the second waits for the first. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    @TempDir
    Path workDir;

    @Test
    void clusterProfileRunsTwoIdenticallyConfiguredNodesBehindNginx() throws Exception {
        ComposeFile compose = ComposeFile.read(Map.of());

        assertThat(compose.profiles("db")).isEmpty();
        assertThat(compose.profiles("server"))
                .as("docker compose up still starts the single node")
                .isEmpty();
        assertThat(compose.profiles("server-2")).containsExactly("cluster");
        assertThat(compose.profiles("lb")).containsExactly("cluster");

        Map<String, String> node1 = compose.environment("server");
        assertThat(compose.environment("server-2")).isEqualTo(node1);
        assertThat(node1)
                .containsKeys(
                        "SPRING_DATASOURCE_URL",
                        "TRANSITIONNET_SECURITY_ISSUER",
                        "TRANSITIONNET_FHIR_SERVER_ADDRESS",
                        "TRANSITIONNET_DEID_KEY",
                        "TRANSITIONNET_SECURITY_AUTHORIZATION_SERVER_SIGNING_KEY");
        assertThat(compose.service("server-2").get("image"))
                .isEqualTo(compose.service("server").get("image"));

        // Both nodes sign with the same mounted key, a private one.
        String signingKey = node1.get("TRANSITIONNET_SECURITY_AUTHORIZATION_SERVER_SIGNING_KEY");
        assertThat(signingKey).startsWith("file:");
        String keyPath = signingKey.substring("file:".length());
        assertThat(compose.mounts("server")).containsKey(keyPath);
        assertThat(compose.mounts("server-2")).isEqualTo(compose.mounts("server"));
        JWKSet keys = JWKSet.parse(Files.readString(compose.mounts("server").get(keyPath)));
        assertThat(keys.getKeys()).isNotEmpty().allMatch(key -> key.isPrivate());

        // The second node is reached through the load balancer only; the balancer is an official nginx image.
        assertThat(compose.ports("server")).containsExactly("8080:8080");
        assertThat(compose.ports("server-2")).isEmpty();
        assertThat(String.valueOf(compose.service("lb").get("image"))).startsWith("nginx:");
        assertThat(compose.ports("lb")).containsExactly("8090:80");
        assertThat(ComposeFile.read(Map.of("TRANSITIONNET_LB_PORT", "9000")).ports("lb"))
                .containsExactly("9000:80");
        assertThat(compose.dependsOn("lb")).containsKeys("server", "server-2");
        Path nginxConf = compose.mounts("lb").get("/etc/nginx/nginx.conf");
        assertThat(nginxConf)
                .isEqualTo(ComposeFile.ROOT.resolve("docker/nginx.conf"))
                .exists();

        String nginx = Files.readString(nginxConf);
        Map<String, String> upstreams = new LinkedHashMap<>();
        Matcher upstream = UPSTREAM.matcher(nginx);
        while (upstream.find()) {
            upstreams.put(upstream.group(1), upstream.group(2));
        }
        assertThat(upstreams).hasSize(2);
        upstreams
                .values()
                .forEach(servers ->
                        assertThat(servers).contains("server server:8080").contains("server server-2:8080"));
        assertThat(upstreams.values()).anySatisfy(servers -> assertThat(servers).contains("hash $remote_addr"));
        assertThat(nginx)
                .contains("client_max_body_size 0;")
                .contains("listen 80;")
                .containsPattern(
                        "location ~ \\^/\\(oauth2/\\|login[^\\n]*\\n\\s*proxy_pass http://transitionnet_login;")
                .containsPattern("location / \\{\\s*proxy_pass http://transitionnet;");
    }

    @Test
    void twoNodesColdStartingTogetherBothServeStoreTheIgOnceAndAcceptEachOthersTokens() throws Exception {
        assertThat(ComposeFile.read(Map.of()).environment("server"))
                .containsEntry("SPRING_PROFILES_ACTIVE", "quickstart");
        TestDatabase db = TestDatabase.get().another();
        // The public address is the load balancer's: issuer and audience of every node's tokens.
        String publicUrl = "http://localhost:" + PackagedServer.freePort();
        ComposeFile compose = ComposeFile.read(Map.of("TRANSITIONNET_PUBLIC_URL", publicUrl));
        Map<String, String> env1 = onTestDatabase(compose.environmentOnHost("server"), db);
        Map<String, String> env2 = onTestDatabase(compose.environmentOnHost("server-2"), db);
        Path dir1 = Files.createDirectories(workDir.resolve("server"));
        Path dir2 = Files.createDirectories(workDir.resolve("server-2"));
        int port1 = PackagedServer.freePort();
        int port2 = PackagedServer.freePort();

        ExecutorService starter = Executors.newFixedThreadPool(2);
        List<PackagedServer> started = new ArrayList<>();
        try {
            CompletableFuture<PackagedServer> start1 =
                    CompletableFuture.supplyAsync(() -> start(dir1, port1, env1), starter);
            CompletableFuture<PackagedServer> start2 =
                    CompletableFuture.supplyAsync(() -> start(dir2, port2, env2), starter);
            PackagedServer node1 = collect(start1, started);
            PackagedServer node2 = collect(start2, started);
            assertThat(node1).as("node 1 started").isNotNull();
            assertThat(node2).as("node 2 started").isNotNull();

            // The quick start's sample data: stored by one node, found by the other, both still running.
            awaitLog(node1, "Sample data: ");
            awaitLog(node2, "Sample data: ");
            assertThat(node1.isAlive()).as(node1.log()).isTrue();
            assertThat(node2.isAlive()).as(node2.log()).isTrue();
            assertThat(count(db, "SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient'"))
                    .isEqualTo(3);
            assertThat(node1.log() + node2.log()).contains("Sample data: the database already holds patients");

            for (PackagedServer node : List.of(node1, node2)) {
                assertThat(node.get("/metadata").statusCode()).isEqualTo(200);
            }
            String token1 = token(node1);
            String token2 = token(node2);
            assertThat(token1).isNotEqualTo(token2);
            // A token is good on the node that did not issue it, whichever the load balancer picks.
            assertAccepted(node2, token1);
            assertAccepted(node1, token2);
            assertThat(node1.get(
                                    "/Patient?_count=1",
                                    "Authorization",
                                    "Bearer " + token1.substring(0, token1.length() - 4) + "AAAA")
                            .statusCode())
                    .as("a tampered token")
                    .isEqualTo(401);
            for (PackagedServer node : List.of(node1, node2)) {
                assertThat(errors(validate(node, token1, validStateObservation())))
                        .as("valid on " + node.port())
                        .isEmpty();
                assertThat(errors(validate(node, token2, stateObservationWithoutValue())))
                        .as("invalid on " + node.port())
                        .isNotEmpty();
            }

            // The IG: one package version, no stored package Binary that no package record uses. The node that started
            // second (as any restart) found it installed and stored nothing; before, every start stored another Binary.
            IgRows ig = igRows(db);
            assertThat(ig.versions()).isEqualTo(1);
            assertThat(ig.orphanBinaries()).isZero();
            assertThat(ig.binaries()).isEqualTo(1 + ig.packageResources());
            assertThat(List.of(node1.log(), node2.log()))
                    .filteredOn(log -> log.contains("stored and installed"))
                    .hasSize(1);
            assertThat(List.of(node1.log(), node2.log()))
                    .filteredOn(log -> log.contains("is installed (sha256"))
                    .hasSize(1);

            // What the single-node compose set-up offers holds on the cluster: discovery names the public address,
            // the research export runs with the shared key, no embedded database.
            JsonNode discovery = JSON.readTree(
                    node2.getAbsolute("/.well-known/smart-configuration").body());
            assertThat(discovery.path("issuer").asText()).isEqualTo(publicUrl);
            assertThat(discovery.path("token_endpoint").asText()).isEqualTo(publicUrl + "/oauth2/token");
            HttpResponse<String> export =
                    node1.get("/$research-export", "Authorization", "Bearer " + token2, "Prefer", "respond-async");
            assertThat(export.statusCode()).as(export.body()).isEqualTo(202);
            assertThat(node1.log() + node2.log()).doesNotContain("Embedded PostgreSQL started");
        } finally {
            for (PackagedServer server : started) {
                server.close();
            }
            starter.shutdownNow();
            starter.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static PackagedServer start(Path dir, int port, Map<String, String> environment) {
        try {
            return PackagedServer.start(dir, port, environment, START_TIMEOUT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a start; a node that failed is reported with its log (the other is still closed afterwards). */
    private static PackagedServer collect(CompletableFuture<PackagedServer> start, List<PackagedServer> started) {
        try {
            PackagedServer server = start.join();
            started.add(server);
            return server;
        } catch (RuntimeException e) {
            throw new AssertionError("A node did not start: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> onTestDatabase(Map<String, String> environment, TestDatabase db) {
        assertThat(environment.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db:5432/transitionnet");
        environment.put("SPRING_DATASOURCE_URL", db.url());
        environment.put("SPRING_DATASOURCE_USERNAME", db.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", db.password());
        return environment;
    }

    private static String token(PackagedServer node) throws Exception {
        HttpResponse<String> token = node.postForm(
                "/oauth2/token",
                "dev-cli",
                "dev-secret",
                "grant_type=client_credentials&scope=" + URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    private static void assertAccepted(PackagedServer node, String token) throws Exception {
        HttpResponse<String> patients = node.get("/Patient?_count=1", "Authorization", "Bearer " + token);
        assertThat(patients.statusCode()).as(patients.body()).isEqualTo(200);
    }

    private static JsonNode validate(PackagedServer node, String token, String resource) throws Exception {
        HttpResponse<String> response = node.send(
                "POST",
                "/Observation/$validate?profile=" + URLEncoder.encode(STATE_OBSERVATION, StandardCharsets.UTF_8),
                resource,
                "Authorization",
                "Bearer " + token);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("resourceType").asText()).as(response.body()).isEqualTo("OperationOutcome");
        return outcome;
    }

    private static List<String> errors(JsonNode outcome) {
        List<String> errors = new ArrayList<>();
        outcome.path("issue").forEach(issue -> {
            String severity = issue.path("severity").asText();
            if (severity.equals("error") || severity.equals("fatal")) {
                errors.add(issue.path("diagnostics").asText());
            }
        });
        return errors;
    }

    private static String stateObservationWithoutValue() {
        return """
				{"resourceType":"Observation","meta":{"profile":["%s"]},"status":"final",
				 "code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},
				 "subject":{"reference":"Patient/does-not-matter"},"effectiveDateTime":"2021-01-01"}""".formatted(STATE_OBSERVATION);
    }

    /** The IG's own example of the profile, from the package the server installs. */
    private static String validStateObservation() throws IOException {
        try (InputStream in = ComposeClusterIT.class.getResourceAsStream("/transitionnet/ig/package.tgz");
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().startsWith("package/example/")
                        && entry.getName().endsWith(".json")) {
                    String json = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                    JsonNode resource = JSON.readTree(json);
                    if (resource.path("resourceType").asText().equals("Observation")
                            && json.contains(STATE_OBSERVATION)) {
                        return json;
                    }
                }
            }
        }
        throw new AssertionError("no example of " + STATE_OBSERVATION + " in the IG package");
    }

    private static void awaitLog(PackagedServer node, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!node.log().contains(text)) {
            assertThat(node.isAlive()).as("still running:\n" + node.log()).isTrue();
            assertThat(Instant.now())
                    .as("'" + text + "' in the log:\n" + node.log())
                    .isBefore(deadline);
            Thread.sleep(1000);
        }
    }

    /** What the IG package occupies: package versions, their resources, Binaries and conformance resource versions. */
    record IgRows(long versions, long packageResources, long binaries, long orphanBinaries, long conformanceVersions) {}

    private static IgRows igRows(TestDatabase db) throws SQLException {
        return new IgRows(
                count(db, "SELECT count(*) FROM npm_package_ver"),
                count(db, "SELECT count(*) FROM npm_package_ver_res"),
                count(db, "SELECT count(*) FROM hfj_resource WHERE res_type = 'Binary'"),
                count(
                        db,
                        "SELECT count(*) FROM hfj_resource r WHERE r.res_type = 'Binary'"
                                + " AND NOT EXISTS (SELECT 1 FROM npm_package_ver v WHERE v.binary_res_id = r.res_id)"
                                + " AND NOT EXISTS (SELECT 1 FROM npm_package_ver_res p WHERE p.binary_res_id = r.res_id)"),
                count(
                        db,
                        "SELECT count(*) FROM hfj_res_ver WHERE res_type IN"
                                + " ('StructureDefinition', 'SearchParameter', 'ValueSet', 'CodeSystem', 'ConceptMap', 'ImplementationGuide')"));
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
