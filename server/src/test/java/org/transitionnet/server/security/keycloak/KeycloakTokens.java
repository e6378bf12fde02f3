package org.transitionnet.server.security.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The token requests of the realm's three clients, as each kind of client makes them at Keycloak's token endpoint:
 * the research Backend Services client ({@code client_credentials} with a {@code private_key_jwt} assertion signed
 * ES384 by its committed test-only key), the data loader (client secret) and the patient-facing app (the test
 * patient's password; a real app runs the authorization-code flow, which issues the same claims).
 */
final class KeycloakTokens {

    static final String BACKEND_CLIENT = "transitionnet-backend";
    static final String LOADER_CLIENT = "transitionnet-loader";
    static final String LOADER_SECRET = "transitionnet-loader-TEST-ONLY-secret";
    static final String PATIENT_APP = "transitionnet-patient-app";
    static final String PATIENT_USER = "patient-a";
    static final String PATIENT_PASSWORD = "patient-a-TEST-ONLY-password";
    /** The {@code patient} attribute of {@link #PATIENT_USER} in the realm: the patient in context of the app's tokens. */
    static final String PATIENT_ID = "kc-patient-a";

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String KEY_FILE = "backend-client.TEST-ONLY.private.jwks.json";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenEndpoint;

    KeycloakTokens(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    /** A signed client assertion of the backend client: {@code iss = sub = client_id}, {@code aud} the token endpoint. */
    String clientAssertion() throws Exception {
        ECKey key = (ECKey)
                JWKSet.load(KeycloakServer.realmDirectory().resolve(KEY_FILE).toFile())
                        .getKeys()
                        .get(0);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(BACKEND_CLIENT)
                        .subject(BACKEND_CLIENT)
                        .audience(tokenEndpoint)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(240)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    HttpResponse<String> backendServices(String scope) throws Exception {
        return post(form(
                "grant_type",
                "client_credentials",
                "client_assertion_type",
                ASSERTION_TYPE,
                "client_assertion",
                clientAssertion(),
                "scope",
                scope));
    }

    HttpResponse<String> loader() throws Exception {
        return post(
                form("grant_type", "client_credentials", "client_id", LOADER_CLIENT, "client_secret", LOADER_SECRET));
    }

    HttpResponse<String> patientApp(String scope) throws Exception {
        return post(form(
                "grant_type",
                "password",
                "client_id",
                PATIENT_APP,
                "username",
                PATIENT_USER,
                "password",
                PATIENT_PASSWORD,
                "scope",
                scope));
    }

    /** The access token of a successful token response. */
    static String accessToken(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new AssertionError("token request refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
