package org.transitionnet.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.ProcessTest;
import org.transitionnet.server.support.SyntheaFixtures;

/**
 * The quick start as a newcomer runs it: the packaged server jar with no configuration at all starts its
 * embedded PostgreSQL, loads the sample patients and, with a demo token obtained exactly as the README
 * says, answers {@code $transitions} for the metformin patient; the benchmark client signs in as the demo
 * researcher and lists the tasks, and as the demo data steward reaches the build. The H2 option still boots, and a server left with the
 * placeholder de-identification key refuses every research export.
 */
@ProcessTest
class QuickStartJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void packagedJarWithoutArgumentsServesTransitionsOfTheSampleDataToADemoToken() throws Exception {
        try (PackagedServer server = PackagedServer.start(workDir)) {
            assertThat(server.log())
                    .contains("Embedded PostgreSQL started on localhost:")
                    .contains("Database schema (POSTGRESQL) is current");
            assertThat(workDir.resolve("data/postgres/PG_VERSION")).exists();

            // README: curl -s -u dev-cli:dev-secret -d grant_type=client_credentials -d 'scope=system/*.cruds'
            // .../oauth2/token
            HttpResponse<String> token = server.postForm(
                    "/oauth2/token",
                    "dev-cli",
                    "dev-secret",
                    "grant_type=client_credentials&scope="
                            + URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            String accessToken =
                    JSON.readTree(token.body()).path("access_token").asText();

            JsonNode transitions =
                    awaitTransitions(server, accessToken, SyntheaFixtures.METFORMIN_PATIENT, Duration.ofMinutes(3));
            assertThat(transitions.toString()).contains("transition-bundle").contains("4548-4");

            JsonNode discovery = JSON.readTree(
                    server.getAbsolute("/.well-known/smart-configuration").body());
            assertThat(discovery.path("token_endpoint").asText()).isEqualTo(server.rootUrl() + "/oauth2/token");
            assertThat(discovery.path("authorization_endpoint").asText())
                    .isEqualTo(server.rootUrl() + "/oauth2/authorize");

            // README (benchmark): the researcher client signs in as the demo Backend Services client with the demo key.
            Process client = new ProcessBuilder(
                            "python3",
                            Path.of("../tools/benchmark-client.py").toString(),
                            "--base",
                            server.baseUrl(),
                            "datasets")
                    .redirectErrorStream(true)
                    .start();
            String listing = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(client.waitFor()).as(listing).isZero();
            assertThat(JSON.readTree(listing).path("tasks").size()).isEqualTo(3);
            assertThat(server.getAbsolute(server.rootUrl() + "/apps/benchmark/").statusCode())
                    .isEqualTo(200);

            // README (benchmark): builds run as the demo data steward; an unknown task passes authorization and is
            // refused.
            Process steward = new ProcessBuilder(
                            "python3",
                            Path.of("../tools/benchmark-client.py").toString(),
                            "--base",
                            server.baseUrl(),
                            "build",
                            "--task",
                            "no-such-task")
                    .redirectErrorStream(true)
                    .start();
            String refused = new String(steward.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(steward.waitFor()).as(refused).isEqualTo(1);
            assertThat(refused).contains("HTTP 400").contains("no-such-task");
        }
    }

    /**
     * One packaged server for the options a quick start can be changed to: H2 instead of PostgreSQL, and the
     * placeholder de-identification key of application.yaml instead of the quick start's demo key. Security
     * is off only so that these tests need no token; neither check depends on it.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithH2AndThePlaceholderKey {

        private Path folder;
        private PackagedServer server;

        @BeforeAll
        void start() throws Exception {
            folder = Files.createTempDirectory("transitionnet-h2-");
            server = PackagedServer.start(
                    folder,
                    "--spring.datasource.url=jdbc:h2:file:./data/transitionnet",
                    "--transitionnet.sample-data.enabled=false",
                    "--transitionnet.security.enabled=false",
                    "--transitionnet.deid.key=change-me-not-a-secret");
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.close();
            }
            FileSystemUtils.deleteRecursively(folder);
        }

        @Test
        void h2RemainsAnOption() throws Exception {
            HttpResponse<String> metadata = server.get("/metadata");

            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body())
                    .contains("\"resourceType\":\"CapabilityStatement\"")
                    .contains("\"fhirVersion\":\"4.0.1\"");
            assertThat(server.log())
                    .contains("Database schema (H2) is current")
                    .doesNotContain("Embedded PostgreSQL started");
            assertThat(folder.resolve("data/transitionnet.mv.db")).exists();
        }

        /** Refused up front, before any job starts, with an OperationOutcome naming the setting. */
        @Test
        void researchExportIsRefusedWithThePlaceholderKey() throws Exception {
            for (String kickOff :
                    new String[] {"/$research-export", "/$research-export?_type=ResearchTransition&_outputFormat=csv"
                    }) {
                HttpResponse<String> refused = server.get(kickOff, "Prefer", "respond-async");

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
                assertThat(refused.body())
                        .contains("\"resourceType\":\"OperationOutcome\"")
                        .contains("built-in default")
                        .contains("transitionnet.deid.key");
                assertThat(refused.headers().firstValue("Content-Location")).isEmpty();
            }
        }
    }

    /** Sample data is stored after the server starts answering and derived in the background: poll until a transition is there. */
    private static JsonNode awaitTransitions(
            PackagedServer server, String accessToken, String patient, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response =
                    server.get("/Patient/" + patient + "/$transitions", "Authorization", "Bearer " + accessToken);
            // 404 while the sample data is still being stored (the server answers before it is done).
            assertThat(response.statusCode()).as(response.body()).isIn(200, 404);
            last = JSON.readTree(response.body());
            if (response.statusCode() == 200 && last.path("total").asInt() > 0) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "no transition for " + patient + " within " + timeout + ": " + last + "\n" + server.log());
    }
}
