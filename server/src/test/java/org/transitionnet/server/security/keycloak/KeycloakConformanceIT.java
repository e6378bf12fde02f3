package org.transitionnet.server.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.ProcessTest;
import org.transitionnet.server.support.TestDatabase;

/**
 * SMART against a real identity provider: the packaged server in production mode, configured only with a Keycloak
 * realm's issuer, key endpoint and audience (as docs/smart-apps.md's Keycloak section describes), accepts Keycloak's tokens.
 * A Backend Services client authenticating with {@code private_key_jwt} runs a {@code $research-export} to the end;
 * a patient-facing app's token, carrying the {@code patient} claim of the realm's mapper, reads that patient's
 * resources and is refused another patient's. Runs with {@code -Pkeycloak} ({@code tools/keycloak/conformance.sh}).
 */
@EnabledIfSystemProperty(named = "transitionnet.keycloak.home", matches = ".+")
@ProcessTest
class KeycloakConformanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_PATIENT_ID = "kc-patient-b";
    /** Generous: a first Keycloak start builds its configuration, and a busy shared machine slows both starts a lot. */
    private static final Duration KEYCLOAK_START = Duration.ofMinutes(10);

    private static final Duration SERVER_START = Duration.ofMinutes(15);
    /** What the realm of tools/keycloak offers, announced by the server instead of its embedded server's list. */
    private static final List<String> REALM_CAPABILITIES = List.of(
            "launch-standalone",
            "client-public",
            "client-confidential-symmetric",
            "client-confidential-asymmetric",
            "context-standalone-patient",
            "permission-patient",
            "permission-v2");

    @TempDir
    static Path workDir;

    private static KeycloakServer keycloak;
    private static PackagedServer server;
    private static KeycloakTokens tokens;
    private static String groupId;

    @BeforeAll
    static void startKeycloakAndServer() throws Exception {
        int port = PackagedServer.freePort();
        String audience = "http://localhost:" + port + "/fhir";
        keycloak = KeycloakServer.start(audience, Files.createDirectories(workDir.resolve("keycloak")), KEYCLOAK_START);
        tokens = new KeycloakTokens(keycloak.tokenEndpoint());
        TestDatabase db = TestDatabase.get();
        server = PackagedServer.start(
                Files.createDirectories(workDir.resolve("server")),
                port,
                Map.of(),
                SERVER_START,
                "--spring.profiles.active=production",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--transitionnet.security.issuer=" + keycloak.issuer(),
                "--transitionnet.security.jwks-uri=" + keycloak.jwksUri(),
                "--transitionnet.security.authorization-endpoint=" + keycloak.authorizationEndpoint(),
                "--transitionnet.security.token-endpoint=" + keycloak.tokenEndpoint(),
                "--transitionnet.security.audience=" + audience,
                "--transitionnet.security.capabilities=" + String.join(",", REALM_CAPABILITIES),
                "--transitionnet.deid.key=keycloak-conformance-test-key-0123456789abcdef",
                // Two fixture patients only: the export's k-anonymity threshold is lowered per request.
                "--transitionnet.export.allow-k-override=true");
        loadTwoPatients();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** The realm's patient and another one, each with an Observation, and a Group of both, written by the loader client. */
    private static void loadTwoPatients() throws Exception {
        String loader = KeycloakTokens.accessToken(tokens.loader());
        for (String patient : new String[] {KeycloakTokens.PATIENT_ID, OTHER_PATIENT_ID}) {
            HttpResponse<String> put = server.send(
                    "PUT",
                    "/Patient/" + patient,
                    "{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"active\":true}",
                    "Authorization",
                    "Bearer " + loader);
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
            HttpResponse<String> observation =
                    server.send("POST", "/Observation", """
					{"resourceType":"Observation","status":"final",
					 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
					 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2024-01-01T10:00:00Z",
					 "valueQuantity":{"value":72,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}""".formatted(patient), "Authorization", "Bearer " + loader);
            assertThat(observation.statusCode()).as(observation.body()).isEqualTo(201);
        }
        HttpResponse<String> group = server.send(
                "POST",
                "/Group",
                """
				{"resourceType":"Group","type":"person","actual":true,
				 "member":[{"entity":{"reference":"Patient/%s"}},{"entity":{"reference":"Patient/%s"}}]}""".formatted(KeycloakTokens.PATIENT_ID, OTHER_PATIENT_ID),
                "Authorization",
                "Bearer " + loader);
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        groupId = JSON.readTree(group.body()).path("id").asText();
    }

    @Test
    void discoveryAnnouncesKeycloakAndTheRealmsCapabilities() throws Exception {
        JsonNode discovery = JSON.readTree(
                server.getAbsolute("/.well-known/smart-configuration").body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(keycloak.issuer());
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(keycloak.tokenEndpoint());
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(keycloak.authorizationEndpoint());
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(keycloak.jwksUri());
        List<String> capabilities = new java.util.ArrayList<>();
        discovery.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        assertThat(capabilities).containsExactlyInAnyOrderElementsOf(REALM_CAPABILITIES);
        // The tokens the server accepts are Keycloak's: it issues none itself.
        assertThat(server.getAbsolute("/oauth2/token").statusCode()).isIn(401, 404);
    }

    @Test
    void backendServicesClientWithPrivateKeyJwtRunsAResearchExport() throws Exception {
        HttpResponse<String> tokenResponse = tokens.backendServices("system/Observation.rs");
        String token = KeycloakTokens.accessToken(tokenResponse);
        assertThat(KeycloakTokens.json(tokenResponse).path("scope").asText()).contains("system/Observation.rs");

        String kickOffPath = "/Group/" + groupId + "/$research-export?_k=1&_type=ResearchTransition";
        assertThat(server.get(kickOffPath, "Prefer", "respond-async").statusCode())
                .as("no token")
                .isEqualTo(401);
        HttpResponse<String> kickOff =
                server.get(kickOffPath, "Prefer", "respond-async", "Authorization", "Bearer " + token);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();

        JsonNode manifest = awaitManifest(status, token);
        assertThat(manifest.path("requiresAccessToken").asBoolean()).isTrue();
        assertThat(manifest.path("output").size()).as(manifest.toString()).isPositive();
        for (JsonNode output : manifest.path("output")) {
            String url = output.path("url").asText();
            assertThat(server.getAbsolute(url).statusCode())
                    .as("download without a token")
                    .isEqualTo(401);
            HttpResponse<String> file = server.getAbsolute(url, "Authorization", "Bearer " + token);
            assertThat(file.statusCode()).as(url + ": " + file.body()).isEqualTo(200);
        }
    }

    @Test
    void patientTokenReadsItsPatientAndIsRefusedAnother() throws Exception {
        String token = KeycloakTokens.accessToken(tokens.patientApp("openid launch/patient patient/*.rs"));
        String bearer = "Bearer " + token;

        HttpResponse<String> own = server.get("/Patient/" + KeycloakTokens.PATIENT_ID, "Authorization", bearer);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        HttpResponse<String> ownObservations =
                server.get("/Observation?patient=" + KeycloakTokens.PATIENT_ID, "Authorization", bearer);
        assertThat(ownObservations.statusCode()).as(ownObservations.body()).isEqualTo(200);
        assertThat(JSON.readTree(ownObservations.body()).path("entry").size()).isPositive();

        HttpResponse<String> other = server.get("/Patient/" + OTHER_PATIENT_ID, "Authorization", bearer);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(other.body()).contains("OperationOutcome");
        HttpResponse<String> otherObservations =
                server.get("/Observation?patient=" + OTHER_PATIENT_ID, "Authorization", bearer);
        assertThat(otherObservations.statusCode() == 403
                        || JSON.readTree(otherObservations.body()).path("entry").isEmpty())
                .as(otherObservations.body())
                .isTrue();
        assertThat(server.get(
                                "/Group/" + groupId + "/$research-export?_k=1",
                                "Prefer",
                                "respond-async",
                                "Authorization",
                                bearer)
                        .statusCode())
                .as("a patient token starts no research export")
                .isEqualTo(403);
    }

    @Test
    void patientScopesWithoutThePatientClaimReadNothing() throws Exception {
        // Without launch/patient the realm's mapper adds no patient claim: patient scopes have no patient to apply to.
        HttpResponse<String> response = tokens.patientApp("openid patient/*.rs");
        String token = KeycloakTokens.accessToken(response);
        assertThat(token.split("\\.")).hasSize(3);
        HttpResponse<String> read =
                server.get("/Patient/" + KeycloakTokens.PATIENT_ID, "Authorization", "Bearer " + token);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
    }

    private static JsonNode awaitManifest(String statusUrl, String token) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            HttpResponse<String> poll =
                    server.getAbsolute(statusUrl, "Authorization", "Bearer " + token, "Accept", "application/json");
            if (poll.statusCode() == 200) {
                return JSON.readTree(poll.body());
            }
            assertThat(poll.statusCode()).as(poll.body()).isIn(202, 429);
        }
        throw new AssertionError("research export did not complete: " + statusUrl);
    }
}
