package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/** The token matrix: which tokens are refused (401), and what each scope syntax grants (403 or narrowed search). */
class SmartScopesIT extends ServerTestBase {

    private String patientA;
    private String patientB;
    private String labA;
    private String vitalA;
    private String labB;
    private String marker;

    @BeforeEach
    void twoPatientsWithObservations() {
        marker = UUID.randomUUID().toString();
        patientA = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        patientB = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        labA = observation(patientA, "laboratory");
        vitalA = observation(patientA, "vital-signs");
        labB = observation(patientB, "laboratory");
    }

    private String observation(String patient, String category) {
        Observation observation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setSubject(new Reference("Patient/" + patient))
                .setCode(new CodeableConcept().setText(marker));
        observation
                .addCategory()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                .setCode(category);
        observation.setValue(new Quantity(1).setUnit("1"));
        return client.create().resource(observation).execute().getId().getIdPart();
    }

    private RawHttp as(String scopes, String patient) {
        return new RawHttp(baseUrl()).withToken(TestSecurity.get().token(scopes, patient));
    }

    private List<String> observationIds(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
        return bundle.getEntry().stream()
                .map(e -> e.getResource())
                .filter(r -> r instanceof Observation)
                .map(r -> r.getIdElement().getIdPart())
                .toList();
    }

    private String search() {
        return "/Observation?code:text=" + marker;
    }

    // --- tokens that are not accepted at all -----------------------------------------------------------

    @Test
    void noTokenIsUnauthorizedWithOperationOutcome() {
        HttpResponse<String> response = new RawHttp(baseUrl()).get("/Patient/" + patientA);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
    }

    @Test
    void expiredWrongIssuerWrongAudienceAndBadSignatureAreUnauthorized() throws Exception {
        TestSecurity security = TestSecurity.get();
        JWTClaimsSet expired = security.claims("system/*.cruds", null)
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build();
        JWTClaimsSet wrongIssuer = security.claims("system/*.cruds", null)
                .issuer("https://elsewhere.example")
                .build();
        JWTClaimsSet wrongAudience = security.claims("system/*.cruds", null)
                .audience("https://other-server.example/fhir")
                .build();
        JWTClaimsSet noExpiry =
                security.claims("system/*.cruds", null).expirationTime(null).build();
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("test-signing").generate();

        for (String token : List.of(
                security.token(expired),
                security.token(wrongIssuer),
                security.token(wrongAudience),
                security.token(noExpiry),
                TestSecurity.token(security.claims("system/*.cruds", null).build(), impostor),
                "not-a-jwt")) {
            HttpResponse<String> response =
                    new RawHttp(baseUrl()).withToken(token).get("/Patient/" + patientA);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("OperationOutcome");
        }
    }

    @Test
    void metadataAndDiscoveryAreAnonymous() {
        RawHttp anonymous = new RawHttp(baseUrl());
        HttpResponse<String> metadata = anonymous.get("/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body())
                .contains(SmartCapabilityStatement.OAUTH_URIS)
                .contains("SMART-on-FHIR")
                .contains(TestSecurity.get().issuer() + "/oauth2/token");
        assertThat(anonymous
                        .get("http://localhost:" + port + "/actuator/health/readiness", "application/json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(anonymous
                        .get("http://localhost:" + port + "/actuator/metrics", "application/json")
                        .statusCode())
                .isEqualTo(401);
    }

    // --- what each scope grants ------------------------------------------------------------------------

    @Test
    void patientScopeSeesOnlyItsPatientsCompartment() {
        for (String scope : List.of("patient/Observation.rs", "patient/Observation.read")) {
            RawHttp http = as(scope, patientA);
            assertThat(observationIds(http.get(search()))).as(scope).containsExactlyInAnyOrder(labA, vitalA);
            assertThat(http.get("/Observation/" + labA).statusCode()).as(scope).isEqualTo(200);
            assertThat(http.get("/Observation/" + labB).statusCode()).as(scope).isEqualTo(403);
            // Observation only: the Patient resource itself is not granted.
            assertThat(http.get("/Patient/" + patientA).statusCode()).as(scope).isEqualTo(403);
            HttpResponse<String> otherPatient = http.get("/Observation?patient=" + patientB);
            assertThat(otherPatient.statusCode() == 403
                            || observationIds(otherPatient).isEmpty())
                    .as(scope)
                    .isTrue();
        }
    }

    @Test
    void readAndSearchAreSeparatePermissions() {
        RawHttp readOnly = as("patient/Observation.r", patientA);
        assertThat(readOnly.get("/Observation/" + labA).statusCode()).isEqualTo(200);
        assertThat(readOnly.get(search()).statusCode()).isEqualTo(403);

        RawHttp searchOnly = as("patient/Observation.s", patientA);
        assertThat(observationIds(searchOnly.get(search()))).containsExactlyInAnyOrder(labA, vitalA);
        assertThat(searchOnly.get("/Observation/" + labA).statusCode()).isEqualTo(403);
    }

    @Test
    void queryRestrictedScopeGrantsOnlyMatchingResources() {
        RawHttp http = as("patient/Observation.rs?category=laboratory", patientA);
        assertThat(observationIds(http.get(search() + "&category=laboratory"))).containsExactly(labA);
        assertThat(http.get("/Observation/" + labA).statusCode()).isEqualTo(200);
        assertThat(http.get("/Observation/" + vitalA).statusCode()).isEqualTo(403);
        // Unfiltered, the search would reveal a vital sign: refused as a whole.
        assertThat(http.get(search()).statusCode()).isEqualTo(403);
    }

    @Test
    void writesNeedWriteScopesInTheCompartment() {
        String body =
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"w\"},\"subject\":{\"reference\":\"Patient/%s\"}}";
        assertThat(as("patient/Observation.rs", patientA)
                        .post("/Observation", body.formatted(patientA))
                        .statusCode())
                .isEqualTo(403);
        RawHttp writer = as("patient/Observation.cruds", patientA);
        assertThat(writer.post("/Observation", body.formatted(patientA)).statusCode())
                .isEqualTo(201);
        assertThat(writer.post("/Observation", body.formatted(patientB)).statusCode())
                .isEqualTo(403);
        // v1 write without read: may create, may not read.
        RawHttp v1Writer = as("patient/Observation.write", patientA);
        assertThat(v1Writer.post("/Observation", body.formatted(patientA)).statusCode())
                .isEqualTo(201);
        assertThat(v1Writer.get("/Observation/" + labA).statusCode()).isEqualTo(403);
        assertThat(as("patient/Observation.rs", patientA)
                        .delete("/Observation/" + labA)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void patientScopeWithoutPatientContextGrantsNothing() {
        assertThat(as("patient/Observation.rs", null)
                        .get("/Observation/" + labA)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void userAndSystemScopesSpanPatientsForTheirTypesOnly() {
        RawHttp user = as("user/Observation.rs", null);
        assertThat(observationIds(user.get(search()))).containsExactlyInAnyOrder(labA, vitalA, labB);
        assertThat(user.get("/Patient/" + patientB).statusCode()).isEqualTo(403);

        RawHttp system = as("system/Patient.rs", null);
        assertThat(system.get("/Patient/" + patientB).statusCode()).isEqualTo(200);
        assertThat(system.get(search()).statusCode()).isEqualTo(403);
    }

    @Test
    void trajectoryAndTransitionsFollowThePatientContext() {
        RawHttp own = as("patient/Observation.rs patient/Patient.rs", patientA);
        assertThat(own.get("/Patient/" + patientA + "/$trajectory").statusCode())
                .isEqualTo(200);
        assertThat(own.get("/Patient/" + patientA + "/$transitions").statusCode())
                .isEqualTo(200);
        assertThat(own.get("/Patient/" + patientB + "/$trajectory").statusCode())
                .isEqualTo(403);
        assertThat(own.get("/Patient/" + patientB + "/$transitions").statusCode())
                .isEqualTo(403);
        // A laboratory-only scope does not cover the whole trajectory.
        assertThat(as("patient/Observation.rs?category=laboratory", patientA)
                        .get("/Patient/" + patientA + "/$trajectory")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("user/Observation.rs", null)
                        .get("/Patient/" + patientB + "/$trajectory")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void bulkExportNeedsASystemScope() {
        String kickOff = "/$export?_type=Patient";
        HttpResponse<String> anonymous = new RawHttp(baseUrl()).get(kickOff);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(exportAs(as("patient/*.rs", patientA), kickOff).statusCode()).isEqualTo(403);
        assertThat(exportAs(as("user/*.rs", null), kickOff).statusCode()).isEqualTo(403);
        HttpResponse<String> system = exportAs(as("system/*.rs", null), kickOff);
        assertThat(system.statusCode()).as(system.body()).isEqualTo(202);
        assertThat(system.headers().firstValue("Content-Location")).isPresent();
    }

    static HttpResponse<String> exportAs(RawHttp http, String path) {
        return http.getWithHeaders(path, "application/fhir+json", "Prefer", "respond-async");
    }
}
