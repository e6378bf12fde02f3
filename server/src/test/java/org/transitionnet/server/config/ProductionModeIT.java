package org.transitionnet.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.ProcessTest;
import org.transitionnet.server.support.TestDatabase;

/**
 * Production mode is one switch ({@code --spring.profiles.active=production}): without its own database, issuer
 * and key the packaged jar refuses to start and says why; configured, it runs without the embedded authorization
 * server and announces only the OAuth endpoints that exist.
 */
@ProcessTest
class ProductionModeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void refusesToStartWithQuickStartLeftovers() throws Exception {
        PackagedServer.Exit exit = PackagedServer.runUntilExit(
                workDir,
                Duration.ofMinutes(3),
                "--spring.profiles.active=production",
                "--transitionnet.deid.key=" + QuickStartDemo.DEID_KEY);

        assertThat(exit.code()).as(exit.log()).isNotZero();
        assertThat(exit.log())
                .contains("Production mode (profile 'production') refuses to start")
                .contains("spring.datasource.url must name your PostgreSQL")
                .contains("transitionnet.security.issuer must name the token issuer")
                .contains("transitionnet.deid.key is the quick start's demo key")
                .doesNotContain("Embedded PostgreSQL started");
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @Test
    void configuredProductionServerAnnouncesOnlyTheEndpointsOfItsIssuer() throws Exception {
        TestDatabase db = TestDatabase.get().another();
        try (PackagedServer server = PackagedServer.start(
                workDir,
                "--spring.profiles.active=production",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--transitionnet.security.issuer=https://idp.example.org/realms/tn",
                "--transitionnet.security.token-endpoint=https://idp.example.org/realms/tn/token",
                "--transitionnet.deid.key=production-like-test-key-0123456789abcdef")) {
            JsonNode discovery = JSON.readTree(
                    server.getAbsolute("/.well-known/smart-configuration").body());
            assertThat(discovery.path("issuer").asText()).isEqualTo("https://idp.example.org/realms/tn");
            assertThat(discovery.path("token_endpoint").asText()).isEqualTo("https://idp.example.org/realms/tn/token");
            assertThat(discovery.has("authorization_endpoint"))
                    .as(discovery.toString())
                    .isFalse();

            String metadata = server.get("/metadata").body();
            assertThat(metadata)
                    .contains("https://idp.example.org/realms/tn/token")
                    .doesNotContain("/oauth2/");

            assertThat(server.getAbsolute("/oauth2/token").statusCode()).isIn(401, 404);
            assertThat(server.log())
                    .doesNotContain("Embedded SMART authorization server enabled")
                    .doesNotContain("Sample data");
        }
    }
}
