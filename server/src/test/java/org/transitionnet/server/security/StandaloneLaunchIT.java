package org.transitionnet.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SMART standalone launch through the embedded authorization server, step by step as a browser and a
 * public client do it: authorization code with PKCE, login, patient picker, token with {@code patient}.
 */
class StandaloneLaunchIT extends ServerTestBase {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
	private final ObjectMapper json = new ObjectMapper();
	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void standaloneLaunchWithPkceYieldsAPatientContextToken() throws Exception {
		String patient = client.create().resource(new Patient().setActive(true)).execute().getId().getIdPart();
		String other = client.create().resource(new Patient().setActive(true)).execute().getId().getIdPart();
		String root = "http://localhost:" + port;
		String redirectUri = root + "/apps/trajectory/";
		String verifier = randomString();
		String challenge = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String scope = "launch/patient openid fhirUser patient/Observation.rs patient/Patient.rs";
		String authorize = root + "/oauth2/authorize?response_type=code&client_id=" + TestSecurity.LAUNCH_CLIENT
				+ "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(scope) + "&state=s-123&aud=" + enc(baseUrl())
				+ "&code_challenge=" + challenge + "&code_challenge_method=S256";

		HttpResponse<String> toLogin = get(authorize);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(location(toLogin)).endsWith("/login");
		HttpResponse<String> loginPage = get(absolute(root, location(toLogin)));
		HttpResponse<String> loggedIn = postForm(root + "/login", "username=" + TestSecurity.USER + "&password="
				+ TestSecurity.PASSWORD + "&_csrf=" + csrf(loginPage));
		assertThat(loggedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> toPicker = get(absolute(root, location(loggedIn)));
		assertThat(toPicker.statusCode()).isEqualTo(302);
		assertThat(location(toPicker)).contains("/launch/select-patient");
		HttpResponse<String> picker = get(absolute(root, location(toPicker)));
		assertThat(picker.body()).contains("data-patient-id=\"" + patient + "\"");
		HttpResponse<String> picked = postForm(root + "/launch/select-patient", "patient=" + patient + "&_csrf=" + csrf(picker));
		assertThat(picked.statusCode()).isEqualTo(302);

		HttpResponse<String> toApp = get(absolute(root, location(picked)));
		assertThat(toApp.statusCode()).isEqualTo(302);
		assertThat(location(toApp)).startsWith(redirectUri).contains("state=s-123");
		Matcher code = Pattern.compile("code=([^&]+)").matcher(location(toApp));
		assertThat(code.find()).isTrue();

		HttpResponse<String> tokenResponse = postForm(root + "/oauth2/token", "grant_type=authorization_code&code=" + code.group(1)
				+ "&redirect_uri=" + enc(redirectUri) + "&client_id=" + TestSecurity.LAUNCH_CLIENT + "&code_verifier=" + verifier);
		assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
		assertThat(tokenResponse.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		JsonNode token = json.readTree(tokenResponse.body());
		assertThat(token.path("patient").asText()).isEqualTo(patient);
		assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
		assertThat(token.path("expires_in").asInt()).isPositive();
		assertThat(token.path("scope").asText()).contains("patient/Observation.rs").contains("launch/patient");

		RawHttp app = new RawHttp(baseUrl()).withToken(token.path("access_token").asText());
		assertThat(app.get("/Patient/" + patient).statusCode()).isEqualTo(200);
		assertThat(app.get("/Patient/" + patient + "/$trajectory").statusCode()).isEqualTo(200);
		assertThat(app.get("/Patient/" + other).statusCode()).isEqualTo(403);
		assertThat(app.get("/Patient/" + other + "/$trajectory").statusCode()).isEqualTo(403);
	}

	@Test
	void tokenRequestWithoutTheVerifierIsRefused() {
		HttpResponse<String> response = new RawHttp("http://localhost:" + port).postForm("/oauth2/token",
				"grant_type=authorization_code&code=bogus&client_id=" + TestSecurity.LAUNCH_CLIENT
						+ "&redirect_uri=" + enc("http://localhost:" + port + "/apps/trajectory/"));
		assertThat(response.statusCode()).isIn(400, 401);
	}

	private HttpResponse<String> get(String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(String url, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html,application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode()));
	}

	private static String absolute(String root, String location) {
		return location.startsWith("http") ? location : root + location;
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as(page.body()).isTrue();
		return enc(matcher.group(1));
	}

	private static String randomString() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
