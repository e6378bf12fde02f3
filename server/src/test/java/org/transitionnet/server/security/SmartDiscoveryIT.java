package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/** {@code .well-known/smart-configuration} as the SMART conformance kits check it. */
class SmartDiscoveryIT extends ServerTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void discoveryIsAnonymousJsonWithAbsoluteUrlsAndCors() throws Exception {
        RawHttp anonymous = new RawHttp("http://localhost:" + port);
        for (String path : List.of("/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration")) {
            HttpResponse<String> response =
                    anonymous.getWithHeaders(path, "text/html", "Origin", "https://app.example");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                    .isPresent();

            JsonNode document = json.readTree(response.body());
            assertThat(document.path("issuer").asText())
                    .isEqualTo(TestSecurity.get().issuer());
            for (String url : List.of("jwks_uri", "authorization_endpoint", "token_endpoint")) {
                assertThat(document.path(url).asText()).as(url).startsWith("http://localhost:" + port + "/");
            }
            assertThat(strings(document, "code_challenge_methods_supported")).containsExactly("S256");
            assertThat(strings(document, "grant_types_supported"))
                    .contains("authorization_code", "client_credentials", "refresh_token");
            assertThat(strings(document, "token_endpoint_auth_methods_supported"))
                    .contains("private_key_jwt");
            assertThat(strings(document, "token_endpoint_auth_signing_alg_values_supported"))
                    .contains("RS384", "ES384");
            assertThat(strings(document, "scopes_supported"))
                    .contains("openid", "fhirUser", "offline_access", "online_access", "launch/patient");
            // The benchmark's own scopes, which grant no clinical data.
            assertThat(strings(document, "scopes_supported"))
                    .contains("benchmark/*.read", "benchmark/*.submit", "benchmark/*.build");
            // Exactly what is supported: both launches with patient context, OpenID Connect sign-in, refresh tokens.
            assertThat(strings(document, "capabilities"))
                    .containsExactlyInAnyOrder(
                            "launch-standalone",
                            "launch-ehr",
                            "client-public",
                            "client-confidential-symmetric",
                            "client-confidential-asymmetric",
                            "context-standalone-patient",
                            "context-ehr-patient",
                            "sso-openid-connect",
                            "permission-offline",
                            "permission-online",
                            "permission-patient",
                            "permission-user",
                            "permission-v1",
                            "permission-v2");
        }
    }

    @Test
    void theCapabilityStatementNamesEachBenchmarkOperationsScope() throws Exception {
        JsonNode statement = json.readTree(
                new RawHttp(baseUrl()).get("/metadata", "application/fhir+json").body());
        List<String> documented = new ArrayList<>();
        statement
                .path("rest")
                .get(0)
                .path("operation")
                .forEach(o -> documented.add(o.path("name").asText().replaceFirst("^\\$", "") + ": "
                        + o.path("documentation").asText()));
        assertThat(documented)
                .anySatisfy(
                        d -> assertThat(d).startsWith("dataset-build: ").contains("Access: scope benchmark/*.build"))
                .anySatisfy(d -> assertThat(d).startsWith("evaluate: ").contains("Access: scope benchmark/*.submit"))
                .anySatisfy(d -> assertThat(d).startsWith("leaderboard: ").contains("Access: scope benchmark/*.read"))
                .anySatisfy(d -> assertThat(d).startsWith("dataset-file: ").contains("Access: scope benchmark/*.read"));
    }

    @Test
    void advertisedJwksServesTheSigningKey() throws Exception {
        JsonNode document = json.readTree(new RawHttp(baseUrl())
                .get("/.well-known/smart-configuration", "application/json")
                .body());
        HttpResponse<String> jwks =
                new RawHttp(baseUrl()).get(document.path("jwks_uri").asText(), "application/json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("test-signing").doesNotContain("\"d\"");
    }

    @Test
    void fhirEndpointAnswersCorsPreflight() {
        HttpResponse<String> response = new RawHttp(baseUrl())
                .getWithHeaders("/metadata", "application/fhir+json", "Origin", "https://app.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    private static List<String> strings(JsonNode document, String field) {
        List<String> values = new ArrayList<>();
        document.path(field).forEach(node -> values.add(node.asText()));
        return values;
    }
}
