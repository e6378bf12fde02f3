package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/** SMART Backend Services against the embedded authorization server: client credentials with {@code private_key_jwt}. */
class BackendServicesIT extends ServerTestBase {

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private final ObjectMapper json = new ObjectMapper();

    private RawHttp root() {
        return new RawHttp("http://localhost:" + port);
    }

    private String tokenEndpoint() {
        return TestSecurity.get().issuer() + "/oauth2/token";
    }

    private HttpResponse<String> requestToken(String grantType, String assertionType, String assertion, String scope) {
        return root().postForm(
                        "/oauth2/token",
                        "grant_type=" + enc(grantType) + "&client_assertion_type=" + enc(assertionType)
                                + "&client_assertion=" + enc(assertion) + "&scope=" + enc(scope));
    }

    private String freshAssertion() {
        return TestSecurity.get()
                .clientAssertion(tokenEndpoint(), UUID.randomUUID().toString(), Duration.ofMinutes(4));
    }

    @Test
    void signedClientAssertionObtainsASystemTokenThatCanStartABulkExport() throws Exception {
        HttpResponse<String> response =
                requestToken("client_credentials", ASSERTION_TYPE, freshAssertion(), "system/*.rs");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode token = json.readTree(response.body());
        assertThat(token.path("access_token").asText()).isNotBlank();
        assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(token.path("expires_in").asInt()).isPositive().isLessThanOrEqualTo(300);
        assertThat(token.path("scope").asText()).isEqualTo("system/*.rs");

        HttpResponse<String> export = SmartScopesIT.exportAs(
                new RawHttp(baseUrl()).withToken(token.path("access_token").asText()), "/$export?_type=Patient");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(202);
    }

    @Test
    void reusedJtiIsRejected() {
        String assertion = freshAssertion();
        assertThat(requestToken("client_credentials", ASSERTION_TYPE, assertion, "system/*.rs")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> replay = requestToken("client_credentials", ASSERTION_TYPE, assertion, "system/*.rs");
        assertThat(replay.statusCode()).isIn(400, 401);
        assertThat(replay.body()).contains("invalid_client");
    }

    @Test
    void badGrantTypeIsABadRequest() {
        HttpResponse<String> response = requestToken("password", ASSERTION_TYPE, freshAssertion(), "system/*.rs");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void badAssertionsAreRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048)
                .keyID(TestSecurity.get().backendClientKey().getKeyID())
                .generate();
        Instant now = Instant.now();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID(stranger.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(TestSecurity.BACKEND_CLIENT)
                        .subject(TestSecurity.BACKEND_CLIENT)
                        .audience(tokenEndpoint())
                        .expirationTime(Date.from(now.plusSeconds(240)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        forged.sign(new RSASSASigner(stranger));
        assertThat(requestToken("client_credentials", ASSERTION_TYPE, forged.serialize(), "system/*.rs")
                        .statusCode())
                .isIn(400, 401);

        assertThat(requestToken("client_credentials", "urn:example:unknown", freshAssertion(), "system/*.rs")
                        .statusCode())
                .isIn(400, 401);
        assertThat(requestToken("client_credentials", ASSERTION_TYPE, "garbage", "system/*.rs")
                        .statusCode())
                .isIn(400, 401);
        String longLived = TestSecurity.get()
                .clientAssertion(tokenEndpoint(), UUID.randomUUID().toString(), Duration.ofHours(1));
        assertThat(requestToken("client_credentials", ASSERTION_TYPE, longLived, "system/*.rs")
                        .statusCode())
                .isIn(400, 401);
        String wrongAudience = TestSecurity.get()
                .clientAssertion(
                        "https://elsewhere.example/token", UUID.randomUUID().toString(), Duration.ofMinutes(4));
        assertThat(requestToken("client_credentials", ASSERTION_TYPE, wrongAudience, "system/*.rs")
                        .statusCode())
                .isIn(400, 401);
    }

    @Test
    void scopesBeyondTheRegistrationAreRefused() {
        HttpResponse<String> response =
                requestToken("client_credentials", ASSERTION_TYPE, freshAssertion(), "system/*.cruds");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_scope");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
