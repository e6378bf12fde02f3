package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.support.AuthorizationPages.absolute;
import static org.transitionnet.server.support.AuthorizationPages.csrf;
import static org.transitionnet.server.support.AuthorizationPages.enc;
import static org.transitionnet.server.support.AuthorizationPages.location;
import static org.transitionnet.server.support.AuthorizationPages.randomString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
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
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * A SMART EHR launch through the embedded authorization server: the logged-in user launches the app for a
 * patient, the app receives {@code iss} and {@code launch}, and its authorization request with the
 * {@code launch} scope gets a token for that patient without a patient picker; the launch is single-use.
 */
class EhrLaunchIT extends ServerTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void ehrLaunchBindsThePatientOfTheServerIssuedLaunchContext() throws Exception {
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
        String root = "http://localhost:" + port;
        String appLaunchUri = root + "/apps/trajectory/";

        // The EHR side: log in, launch the app for the patient.
        HttpResponse<String> toLogin =
                get(root + "/launch/ehr?client_id=" + TestSecurity.LAUNCH_CLIENT + "&patient=" + patient);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        HttpResponse<String> loginPage = get(absolute(root, location(toLogin)));
        HttpResponse<String> loggedIn = postForm(
                root + "/login",
                "username=" + TestSecurity.USER + "&password=" + TestSecurity.PASSWORD + "&_csrf=" + csrf(loginPage));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> toApp = get(absolute(root, location(loggedIn)));
        assertThat(toApp.statusCode()).as(toApp.body()).isEqualTo(302);
        String appUrl = location(toApp);
        assertThat(appUrl).startsWith(appLaunchUri);
        assertThat(parameter(appUrl, "iss")).isEqualTo(baseUrl());
        String launch = parameter(appUrl, "launch");
        assertThat(launch).isNotBlank();

        // The app side: authorization request with the launch scope and parameter, straight to a code.
        String verifier = randomString();
        HttpResponse<String> toRedirect =
                get(authorize(root, appLaunchUri, "launch openid patient/Patient.rs", launch, verifier));
        assertThat(toRedirect.statusCode()).isEqualTo(302);
        assertThat(location(toRedirect)).startsWith(appLaunchUri).doesNotContain("select-patient");
        String code = parameter(location(toRedirect), "code");
        HttpResponse<String> tokenResponse = postForm(
                root + "/oauth2/token",
                "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(appLaunchUri) + "&client_id="
                        + TestSecurity.LAUNCH_CLIENT + "&code_verifier=" + verifier);
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        JsonNode token = json.readTree(tokenResponse.body());
        assertThat(token.path("patient").asText()).isEqualTo(patient);
        assertThat(token.path("id_token").asText()).isNotBlank();
        assertThat(token.path("scope").asText()).contains("launch");
        RawHttp app =
                new RawHttp(baseUrl()).withToken(token.path("access_token").asText());
        assertThat(app.get("/Patient/" + patient).statusCode()).isEqualTo(200);
        assertThat(app.get("/Patient/" + other).statusCode()).isEqualTo(403);

        // Single use; an invented launch is refused too.
        assertThat(get(authorize(root, appLaunchUri, "launch patient/Patient.rs", launch, randomString()))
                        .statusCode())
                .isEqualTo(400);
        assertThat(get(authorize(root, appLaunchUri, "launch patient/Patient.rs", "invented", randomString()))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void launchForAMissingPatientOrAnUnknownAppIsRefused() throws Exception {
        String root = "http://localhost:" + port;
        HttpResponse<String> toLogin =
                get(root + "/launch/ehr?client_id=" + TestSecurity.LAUNCH_CLIENT + "&patient=no-such-patient-x");
        HttpResponse<String> loginPage = get(absolute(root, location(toLogin)));
        postForm(
                root + "/login",
                "username=" + TestSecurity.USER + "&password=" + TestSecurity.PASSWORD + "&_csrf=" + csrf(loginPage));
        assertThat(get(root + "/launch/ehr?client_id=" + TestSecurity.LAUNCH_CLIENT + "&patient=no-such-patient-x")
                        .statusCode())
                .isEqualTo(404);
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        assertThat(get(root + "/launch/ehr?client_id=no-such-app&patient=" + patient)
                        .statusCode())
                .isEqualTo(400);
    }

    private String authorize(String root, String redirectUri, String scope, String launch, String verifier)
            throws Exception {
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return root + "/oauth2/authorize?response_type=code&client_id=" + TestSecurity.LAUNCH_CLIENT + "&redirect_uri="
                + enc(redirectUri)
                + "&scope=" + enc(scope) + "&state=e-1&aud=" + enc(baseUrl()) + "&launch=" + enc(launch)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String url, String form) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html,application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String parameter(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertThat(matcher.find()).as(name + " in " + url).isTrue();
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }
}
