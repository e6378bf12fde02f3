package org.transitionnet.server.product.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaPopulation;
import org.transitionnet.server.support.TestSecurity;

/**
 * Benchmark access apart from clinical access. The researcher's token ({@code benchmark/*.read benchmark/*.submit})
 * reaches the benchmark's listings, card, files, leaderboard and scoring and nothing clinical: no search (the route by
 * which a released baseline value led back to its patient and follow-up), no read, no {@code $transitions},
 * {@code $trajectory}, {@code $everything}, research export or bulk export. Builds are the data steward's
 * ({@code benchmark/*.build}); clinical scopes reach no benchmark operation; the leaderboard page's token reads only.
 * A build's status, result and cancellation answer only the client that started it, or an administrator.
 */
class BenchmarkAccessIT extends ServerTestBase {

    private static final String RESEARCHER_SCOPES = "benchmark/*.read benchmark/*.submit";
    private static final String STEWARD_SCOPES = "benchmark/*.build benchmark/*.read";
    private static final String SMALL = "_k=1&_minHeldOutSubjects=1";

    private static String datasetId;
    private static String task;
    private static String patientId;
    private static String observationId;

    @BeforeEach
    void aVersionAndAPatientWithObservations() {
        if (datasetId != null) {
            return;
        }
        List<SyntheaPopulation.Member> members = derivedPopulation();
        JsonNode built = new DatasetBuildClient(baseUrl(), adminToken()).build(SMALL);
        datasetId = built.path("datasetId").asText();
        task = built.path("tasks").get(0).asText();
        patientId = members.get(0).serverId();
        Bundle observations = client.search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasId(patientId))
                .count(1)
                .returnBundle(Bundle.class)
                .execute();
        observationId =
                observations.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    @Test
    void theResearchersTokenReachesNoClinicalData() {
        RawHttp researcher = as(TestSecurity.BENCHMARK_RESEARCHER, RESEARCHER_SCOPES);
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("value search", researcher.get("/Observation?value-quantity=gt0&_count=5"));
        answers.put("Observation read", researcher.get("/Observation/" + observationId));
        answers.put("Patient search", researcher.get("/Patient?_count=5"));
        answers.put("Patient read", researcher.get("/Patient/" + patientId));
        answers.put("$transitions", researcher.get("/Patient/" + patientId + "/$transitions"));
        answers.put("$trajectory", researcher.get("/Patient/" + patientId + "/$trajectory"));
        answers.put("$everything", researcher.get("/Patient/" + patientId + "/$everything"));
        answers.put(
                "$research-export",
                researcher.getWithHeaders(
                        "/$research-export?_k=1&_type=ResearchTransition",
                        "application/fhir+json",
                        "Prefer",
                        "respond-async"));
        answers.put(
                "$export",
                researcher.getWithHeaders(
                        "/$export?_type=Observation", "application/fhir+json", "Prefer", "respond-async"));
        answers.forEach((route, answer) -> {
            assertThat(answer.statusCode()).as(route + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).as(route).contains("OperationOutcome");
        });
    }

    @Test
    void theResearchersTokenReadsAndSubmitsButDoesNotBuild() {
        RawHttp researcher = as(TestSecurity.BENCHMARK_RESEARCHER, RESEARCHER_SCOPES);
        readsTheBenchmark(researcher);
        HttpResponse<String> scored = researcher.postJson("/$evaluate", submission("researcher-access-check"));
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        assertThat(buildAs(token(TestSecurity.BENCHMARK_RESEARCHER, RESEARCHER_SCOPES))
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> byTheSteward = buildAs(token(TestSecurity.BENCHMARK_STEWARD, STEWARD_SCOPES));
        assertThat(byTheSteward.statusCode()).as(byTheSteward.body()).isEqualTo(202);
        String status =
                path(byTheSteward.headers().firstValue("Content-Location").orElseThrow());
        assertThat(researcher.get(status, "application/json").statusCode()).isEqualTo(403);
        assertThat(new DatasetBuildClient(baseUrl(), token(TestSecurity.BENCHMARK_STEWARD, STEWARD_SCOPES))
                        .await(status)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void clinicalScopesReachNoBenchmarkOperation() {
        HttpResponse<String> started = buildAs(adminToken());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String status = path(started.headers().firstValue("Content-Location").orElseThrow());
        for (String scopes : List.of(
                "user/Observation.rs",
                "system/Observation.rs",
                "system/Observation.crs",
                "system/*.rs",
                "user/*.cruds")) {
            RawHttp clinical = as("clinical-client", scopes);
            assertThat(clinical.get("/$datasets", "application/json").statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(clinical.get("/$dataset-card?dataset=" + datasetId + "&_format=json", "application/json")
                            .statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(clinical.get(file("card.json"), "application/json").statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(clinical.get("/$leaderboard?dataset=" + datasetId, "application/json")
                            .statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(clinical.postJson("/$evaluate", submission("clinical-access-check"))
                            .statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(buildAs(token("clinical-client", scopes)).statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(clinical.get(status, "application/json").statusCode())
                    .as(scopes)
                    .isEqualTo(403);
            assertThat(clinical.delete(status).statusCode()).as(scopes).isEqualTo(403);
        }
        assertThat(new DatasetBuildClient(baseUrl(), adminToken()).await(status).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLeaderboardPagesTokenOnlyReads() {
        RawHttp viewer = as(TestSecurity.BENCHMARK_VIEWER, "openid fhirUser benchmark/*.read");
        readsTheBenchmark(viewer);
        assertThat(viewer.postJson("/$evaluate", submission("viewer-access-check"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(buildAs(token(TestSecurity.BENCHMARK_VIEWER, "openid fhirUser benchmark/*.read"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(viewer.get("/Observation?value-quantity=gt0").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/Patient/" + patientId + "/$transitions").statusCode())
                .isEqualTo(403);
    }

    @Test
    void theAuthorizationServerIssuesEachBenchmarkClientItsOwnScopes() throws Exception {
        JsonNode researcher = DatasetBuildClient.json(
                tokenRequest(TestSecurity.BENCHMARK_RESEARCHER, "demo-researcher-key.pem", RESEARCHER_SCOPES)
                        .body());
        assertThat(researcher.path("scope").asText().split(" "))
                .containsExactlyInAnyOrder("benchmark/*.read", "benchmark/*.submit");
        RawHttp issued =
                new RawHttp(baseUrl()).withToken(researcher.path("access_token").asText());
        assertThat(issued.get("/$datasets", "application/json").statusCode()).isEqualTo(200);
        assertThat(issued.get("/Patient?_count=1").statusCode()).isEqualTo(403);

        HttpResponse<String> researcherBuild =
                tokenRequest(TestSecurity.BENCHMARK_RESEARCHER, "demo-researcher-key.pem", "benchmark/*.build");
        assertThat(researcherBuild.statusCode()).as(researcherBuild.body()).isEqualTo(400);
        assertThat(researcherBuild.body()).contains("invalid_scope");

        JsonNode steward = DatasetBuildClient.json(
                tokenRequest(TestSecurity.BENCHMARK_STEWARD, "demo-steward-key.pem", STEWARD_SCOPES)
                        .body());
        assertThat(steward.path("scope").asText().split(" "))
                .containsExactlyInAnyOrder("benchmark/*.build", "benchmark/*.read");
        HttpResponse<String> stewardClinical =
                tokenRequest(TestSecurity.BENCHMARK_STEWARD, "demo-steward-key.pem", "system/Observation.rs");
        assertThat(stewardClinical.statusCode()).isEqualTo(400);
    }

    @Test
    void aBuildsStatusAndResultAnswerOnlyItsClientOrAnAdministrator() {
        DatasetBuildClient owner =
                new DatasetBuildClient(baseUrl(), token(TestSecurity.BENCHMARK_STEWARD, STEWARD_SCOPES));
        HttpResponse<String> started = owner.kickOff(SMALL, null, true);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String status = path(started.headers().firstValue("Content-Location").orElseThrow());

        RawHttp otherSteward = as("another-steward", STEWARD_SCOPES);
        HttpResponse<String> peek = otherSteward.get(status, "application/json");
        assertThat(peek.statusCode()).as(peek.body()).isEqualTo(403);
        assertThat(peek.body()).contains("OperationOutcome").contains("another client");
        HttpResponse<String> cancel = otherSteward.delete(status);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(403);

        // Neither refusal touched the build: its owner and an administrator read its result.
        HttpResponse<String> result = owner.await(status);
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        assertThat(otherSteward.get(status, "application/json").statusCode()).isEqualTo(403);
        assertThat(new DatasetBuildClient(baseUrl(), adminToken()).get(status).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBuildIsCancelledOnlyByItsClientOrAnAdministrator() {
        DatasetBuildClient owner =
                new DatasetBuildClient(baseUrl(), token(TestSecurity.BENCHMARK_STEWARD, STEWARD_SCOPES));
        RawHttp otherSteward = as("another-steward", STEWARD_SCOPES);

        String byOwner = path(owner.kickOff(SMALL, null, true)
                .headers()
                .firstValue("Content-Location")
                .orElseThrow());
        assertThat(otherSteward.delete(byOwner).statusCode()).isEqualTo(403);
        HttpResponse<String> cancelled = owner.delete(byOwner);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        assertThat(owner.get(byOwner).statusCode()).isEqualTo(404);

        String byAdministrator = path(owner.kickOff(SMALL, null, true)
                .headers()
                .firstValue("Content-Location")
                .orElseThrow());
        assertThat(otherSteward.delete(byAdministrator).statusCode()).isEqualTo(403);
        HttpResponse<String> administrator = new DatasetBuildClient(baseUrl(), adminToken()).delete(byAdministrator);
        assertThat(administrator.statusCode()).as(administrator.body()).isEqualTo(202);
        assertThat(owner.get(byAdministrator).statusCode()).isEqualTo(404);
    }

    /** Listing, card, file and leaderboard answer 200. */
    private void readsTheBenchmark(RawHttp reader) {
        assertThat(reader.get("/$datasets", "application/json").statusCode()).isEqualTo(200);
        assertThat(reader.get("/$datasets?dataset=" + datasetId, "application/json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(reader.get("/$dataset-card?dataset=" + datasetId + "&_format=json", "application/json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(reader.get(file("card.json"), "application/json").statusCode())
                .isEqualTo(200);
        assertThat(reader.get(file("tasks/" + task + "/train.ndjson"), "application/json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(reader.get("/$leaderboard?dataset=" + datasetId, "application/json")
                        .statusCode())
                .isEqualTo(200);
    }

    private static String file(String path) {
        return "/$dataset-file?dataset=" + datasetId + "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    private static String submission(String model) {
        return "{\"dataset\":\"" + datasetId + "\",\"task\":\"" + task
                + "\",\"split\":\"tuning\",\"model\":{\"name\":\"" + model + "\"},\"predictions\":[]}";
    }

    /** A build's kick-off (asynchronous, k = 1) with the given token. */
    private HttpResponse<String> buildAs(String token) {
        return new DatasetBuildClient(baseUrl(), token).kickOff(SMALL, null, true);
    }

    private RawHttp as(String clientId, String scopes) {
        return new RawHttp(baseUrl()).withToken(token(clientId, scopes));
    }

    private static String token(String clientId, String scopes) {
        return TestSecurity.get().clientToken(clientId, scopes);
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/$"));
    }

    /** client_credentials with a private_key_jwt assertion signed by one of the quick start's committed demo keys. */
    private static HttpResponse<String> tokenRequest(String clientId, String keyFile, String scope) throws Exception {
        String tokenUrl = TestSecurity.get().issuer() + "/oauth2/token";
        String form = "grant_type=client_credentials&client_assertion_type="
                + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") + "&client_assertion="
                + enc(assertion(clientId, keyFile, tokenUrl)) + "&scope=" + enc(scope);
        return new RawHttp(TestSecurity.get().issuer()).postForm("/oauth2/token", form);
    }

    private static String assertion(String clientId, String keyFile, String audience) throws Exception {
        String pem = Files.readString(TestSecurity.DEMO_KEYS.resolve(keyFile));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
