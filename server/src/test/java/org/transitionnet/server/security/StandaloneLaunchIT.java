package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.support.AuthorizationPages.absolute;
import static org.transitionnet.server.support.AuthorizationPages.csrf;
import static org.transitionnet.server.support.AuthorizationPages.enc;
import static org.transitionnet.server.support.AuthorizationPages.location;
import static org.transitionnet.server.support.AuthorizationPages.randomString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * A SMART standalone launch through the embedded authorization server, step by step as a browser and a
 * public client do it: authorization code with PKCE, login, patient picker, token with {@code patient}.
 */
class StandaloneLaunchIT extends ServerTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void standaloneLaunchWithPkceYieldsAPatientContextToken() throws Exception {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        String other = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();

        HttpResponse<String> tokenResponse = launch(
                TestSecurity.LAUNCH_CLIENT,
                null,
                "launch/patient openid fhirUser patient/Observation.rs patient/Patient.rs",
                patient);
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        assertThat(tokenResponse.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode token = json.readTree(tokenResponse.body());
        assertThat(token.path("patient").asText()).isEqualTo(patient);
        assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(token.path("expires_in").asInt()).isPositive();
        assertThat(token.path("scope").asText())
                .contains("patient/Observation.rs")
                .contains("launch/patient")
                .contains("openid");
        // The launch context is added to the OpenID Connect response, not in place of it.
        assertThat(token.path("access_token").asText()).isNotBlank();
        assertThat(token.path("id_token").asText()).as(tokenResponse.body()).isNotBlank();
        JWTClaimsSet idToken = SignedJWT.parse(token.path("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getSubject()).isEqualTo(TestSecurity.USER);
        assertThat(idToken.getAudience()).containsExactly(TestSecurity.LAUNCH_CLIENT);

        RawHttp app =
                new RawHttp(baseUrl()).withToken(token.path("access_token").asText());
        assertThat(app.get("/Patient/" + patient).statusCode()).isEqualTo(200);
        assertThat(app.get("/Patient/" + patient + "/$trajectory").statusCode()).isEqualTo(200);
        assertThat(app.get("/Patient/" + other).statusCode()).isEqualTo(403);
        assertThat(app.get("/Patient/" + other + "/$trajectory").statusCode()).isEqualTo(403);
    }

    @Test
    void idTokenNamesTheSignedInUserAsFhirUser() throws Exception {
        JsonNode token =
                json.readTree(launch(TestSecurity.LAUNCH_CLIENT, null, "openid fhirUser patient/Observation.rs", null)
                        .body());
        String fhirUser = SignedJWT.parse(token.path("id_token").asText())
                .getJWTClaimsSet()
                .getStringClaim("fhirUser");
        // Default: a Practitioner named after the username, created by the server so the URL resolves.
        assertThat(fhirUser).isEqualTo(baseUrl() + "/Practitioner/" + TestSecurity.USER);
        HttpResponse<String> user = http.get(fhirUser.substring(baseUrl().length()));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);

        JsonNode withoutScope =
                json.readTree(launch(TestSecurity.LAUNCH_CLIENT, null, "openid patient/Observation.rs", null)
                        .body());
        assertThat(SignedJWT.parse(withoutScope.path("id_token").asText())
                        .getJWTClaimsSet()
                        .getClaim("fhirUser"))
                .isNull();
    }

    @Test
    void noRefreshTokenWithoutOfflineOrOnlineAccess() throws Exception {
        JsonNode token = json.readTree(launch(TestSecurity.LAUNCH_CLIENT, null, "openid patient/Observation.rs", null)
                .body());
        assertThat(token.path("access_token").asText()).isNotBlank();
        assertThat(token.has("refresh_token")).as(token.toString()).isFalse();
    }

    @Test
    void onlineAccessAlsoYieldsARefreshTokenThatIsRotated() throws Exception {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        HttpResponse<String> launched =
                launch(TestSecurity.LAUNCH_CLIENT, null, "launch/patient online_access patient/Patient.rs", patient);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        String refreshToken =
                json.readTree(launched.body()).path("refresh_token").asText();
        assertThat(refreshToken).as(launched.body()).isNotBlank();

        RawHttp tokenEndpoint = new RawHttp("http://localhost:" + port);
        HttpResponse<String> refreshed = refresh(tokenEndpoint, refreshToken);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = json.readTree(refreshed.body());
        assertThat(renewed.path("patient").asText()).isEqualTo(patient);
        assertThat(renewed.path("refresh_token").asText()).isNotBlank().isNotEqualTo(refreshToken);
        HttpResponse<String> reused = refresh(tokenEndpoint, refreshToken);
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(400);
    }

    @Test
    void publicClientRefreshesWithOfflineAccessKeepingThePatientAndRotatingTheRefreshToken() throws Exception {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        HttpResponse<String> launched = launch(
                TestSecurity.LAUNCH_CLIENT,
                null,
                "launch/patient openid offline_access patient/Observation.rs patient/Patient.rs",
                patient);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        JsonNode token = json.readTree(launched.body());
        String refreshToken = token.path("refresh_token").asText();
        assertThat(refreshToken).as(launched.body()).isNotBlank();

        // Narrower scopes than granted, same patient context.
        RawHttp tokenEndpoint = new RawHttp("http://localhost:" + port);
        HttpResponse<String> refreshed = tokenEndpoint.postForm(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id="
                        + TestSecurity.LAUNCH_CLIENT + "&scope=" + enc("launch/patient patient/Patient.rs"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = json.readTree(refreshed.body());
        assertThat(renewed.path("patient").asText()).isEqualTo(patient);
        assertThat(renewed.path("scope").asText().split(" "))
                .containsExactlyInAnyOrder("launch/patient", "patient/Patient.rs");
        assertThat(renewed.path("refresh_token").asText()).isNotBlank().isNotEqualTo(refreshToken);
        JWTClaimsSet access =
                SignedJWT.parse(renewed.path("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getStringClaim("patient")).isEqualTo(patient);
        RawHttp app =
                new RawHttp(baseUrl()).withToken(renewed.path("access_token").asText());
        assertThat(app.get("/Patient/" + patient).statusCode()).isEqualTo(200);
        assertThat(app.get("/Observation?patient=" + patient).statusCode()).isEqualTo(403);

        // Rotation: the spent refresh token is refused; wider scopes than granted are refused.
        HttpResponse<String> reused = tokenEndpoint.postForm(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id="
                        + TestSecurity.LAUNCH_CLIENT);
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(400);
        assertThat(reused.body()).contains("invalid_grant");
        HttpResponse<String> wider = tokenEndpoint.postForm(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + enc(renewed.path("refresh_token").asText()) + "&client_id=" + TestSecurity.LAUNCH_CLIENT
                        + "&scope=" + enc("patient/*.rs"));
        assertThat(wider.statusCode()).as(wider.body()).isEqualTo(400);
        // Another client cannot spend this client's refresh token.
        HttpResponse<String> stolen = tokenEndpoint.postForm(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + enc(renewed.path("refresh_token").asText()) + "&client_id=" + TestSecurity.BENCHMARK_VIEWER);
        assertThat(stolen.statusCode()).isIn(400, 401);
    }

    /**
     * Authorizations are stored in the database: a node that never saw the launch (another node, or this one after a
     * restart) honours its refresh token with the same patient, and the rotation it makes is honoured back here.
     */
    @Test
    void anotherNodeOnTheSameDatabaseHonoursTheRefreshTokenAndItsRotation() throws Exception {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        HttpResponse<String> launched = launch(
                TestSecurity.LAUNCH_CLIENT, null, "launch/patient openid offline_access patient/Patient.rs", patient);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        String refreshToken =
                json.readTree(launched.body()).path("refresh_token").asText();
        assertThat(refreshToken).as(launched.body()).isNotBlank();

        String renewedToken;
        try (ConfigurableApplicationContext otherNode = startAnotherNode()) {
            HttpResponse<String> refreshed = refresh(new RawHttp("http://localhost:" + port(otherNode)), refreshToken);
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            JsonNode renewed = json.readTree(refreshed.body());
            assertThat(renewed.path("patient").asText()).isEqualTo(patient);
            assertThat(renewed.path("id_token").asText()).isNotBlank();
            renewedToken = renewed.path("refresh_token").asText();
            assertThat(renewedToken).isNotBlank().isNotEqualTo(refreshToken);
        }

        RawHttp tokenEndpoint = new RawHttp("http://localhost:" + port);
        HttpResponse<String> spent = refresh(tokenEndpoint, refreshToken);
        assertThat(spent.statusCode()).as(spent.body()).isEqualTo(400);
        HttpResponse<String> again = refresh(tokenEndpoint, renewedToken);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("patient").asText()).isEqualTo(patient);
    }

    /** The launch client's refresh-token grant at one node's token endpoint. */
    private static HttpResponse<String> refresh(RawHttp node, String refreshToken) {
        return node.postForm(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id="
                        + TestSecurity.LAUNCH_CLIENT);
    }

    @Test
    void confidentialClientRefreshesWithItsSecretOnly() throws Exception {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        HttpResponse<String> launched = launch(
                TestSecurity.CONFIDENTIAL_LAUNCH_CLIENT,
                TestSecurity.CONFIDENTIAL_LAUNCH_SECRET,
                "launch/patient openid fhirUser offline_access patient/*.rs",
                patient);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        String refreshToken =
                json.readTree(launched.body()).path("refresh_token").asText();
        assertThat(refreshToken).as(launched.body()).isNotBlank();

        RawHttp tokenEndpoint = new RawHttp("http://localhost:" + port);
        // Without its secret the confidential client is not authenticated.
        HttpResponse<String> withoutSecret = tokenEndpoint.postForm(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id="
                        + TestSecurity.CONFIDENTIAL_LAUNCH_CLIENT);
        assertThat(withoutSecret.statusCode()).isEqualTo(401);

        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> refreshed = postForm(
                plain,
                "http://localhost:" + port + "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + enc(refreshToken),
                basic(TestSecurity.CONFIDENTIAL_LAUNCH_CLIENT, TestSecurity.CONFIDENTIAL_LAUNCH_SECRET));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = json.readTree(refreshed.body());
        assertThat(renewed.path("patient").asText()).isEqualTo(patient);
        assertThat(renewed.path("id_token").asText()).isNotBlank();
        assertThat(renewed.path("refresh_token").asText()).isNotBlank().isNotEqualTo(refreshToken);
    }

    @Test
    void tokenRequestWithoutTheVerifierIsRefused() {
        HttpResponse<String> response = new RawHttp("http://localhost:" + port)
                .postForm(
                        "/oauth2/token",
                        "grant_type=authorization_code&code=bogus&client_id=" + TestSecurity.LAUNCH_CLIENT
                                + "&redirect_uri=" + enc("http://localhost:" + port + "/apps/trajectory/"));
        assertThat(response.statusCode()).isIn(400, 401);
    }

    /**
     * A standalone launch as a browser and the app do it: authorization request with PKCE, login, the patient
     * picker when {@code patient} is given, and the code exchanged at the token endpoint (with the client's
     * secret when {@code secret} is given). Answers the token response.
     */
    private HttpResponse<String> launch(String clientId, String secret, String scope, String patient) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String root = "http://localhost:" + port;
        String redirectUri = root + "/apps/trajectory/";
        String verifier = randomString();
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = root + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(scope) + "&state=s-123&aud=" + enc(baseUrl())
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        HttpResponse<String> toLogin = get(browser, authorize);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(toLogin)).endsWith("/login");
        HttpResponse<String> loginPage = get(browser, absolute(root, location(toLogin)));
        HttpResponse<String> loggedIn = postForm(
                browser,
                root + "/login",
                "username=" + TestSecurity.USER + "&password=" + TestSecurity.PASSWORD + "&_csrf=" + csrf(loginPage),
                null);
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> toApp = get(browser, absolute(root, location(loggedIn)));
        if (patient != null) {
            assertThat(toApp.statusCode()).isEqualTo(302);
            assertThat(location(toApp)).contains("/launch/select-patient");
            HttpResponse<String> picker = get(browser, absolute(root, location(toApp)));
            assertThat(picker.body()).contains("data-patient-id=\"" + patient + "\"");
            HttpResponse<String> picked = postForm(
                    browser, root + "/launch/select-patient", "patient=" + patient + "&_csrf=" + csrf(picker), null);
            assertThat(picked.statusCode()).isEqualTo(302);
            toApp = get(browser, absolute(root, location(picked)));
        }
        assertThat(toApp.statusCode()).isEqualTo(302);
        assertThat(location(toApp)).startsWith(redirectUri).contains("state=s-123");
        Matcher code = Pattern.compile("code=([^&]+)").matcher(location(toApp));
        assertThat(code.find()).as(location(toApp)).isTrue();

        return postForm(
                browser,
                root + "/oauth2/token",
                "grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri=" + enc(redirectUri)
                        + "&client_id=" + clientId + "&code_verifier=" + verifier,
                secret == null ? null : basic(clientId, secret));
    }

    private static String basic(String clientId, String secret) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(HttpClient browser, String url) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(HttpClient browser, String url, String form, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return browser.send(
                request.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
