package org.transitionnet.server.record.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/**
 * Bad input gets a 4xx with an OperationOutcome, and nothing of it reaches the database: a
 * transaction with one bad entry writes none of its entries.
 */
class BadInputIT extends ServerTestBase {

    @Test
    void malformedJsonIsRejected() {
        assertRejectedWithoutWrites(
                () -> http.post("/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":"),
                400,
                "Failed to parse");
    }

    @Test
    void bodyOfAnotherResourceTypeIsRejected() {
        assertRejectedWithoutWrites(
                () -> http.post("/Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\"}"),
                400,
                "Observation");
    }

    @Test
    void unknownResourceTypeIsRejected() {
        assertRejectedWithoutWrites(
                () -> http.post("/Patient", "{\"resourceType\":\"NoSuchThing\"}"), 400, "NoSuchThing");
    }

    @Test
    void invalidValueIsRejected() {
        assertRejectedWithoutWrites(
                () -> http.post("/Patient", "{\"resourceType\":\"Patient\",\"birthDate\":\"2020-13-45\"}"),
                400,
                "birthDate");
    }

    @Test
    void transactionWithAnInvalidReferenceWritesNothing() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addName().setFamily("Atomic-" + UUID.randomUUID());
        tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(FhirRestApiIT.hba1c("Patient/missing-" + UUID.randomUUID(), "2021-01-01", 8.0))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        String body = fhirContext.newJsonParser().encodeResourceToString(tx);

        assertRejectedWithoutWrites(() -> http.post("/", body), 400, "Observation.subject");
    }

    @Test
    void transactionWithAMalformedEntryWritesNothing() {
        String body = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				  {"fullUrl":"urn:uuid:6f1b0c55-1c53-4a4e-9f55-1d0ad1f4e001",
				   "resource":{"resourceType":"Patient","name":[{"family":"Half"}]},
				   "request":{"method":"POST","url":"Patient"}},
				  {"fullUrl":"urn:uuid:6f1b0c55-1c53-4a4e-9f55-1d0ad1f4e002",
				   "resource":{"resourceType":"Observation","status":"final","effectiveDateTime":"not-a-date",
				     "code":{"text":"x"},"subject":{"reference":"urn:uuid:6f1b0c55-1c53-4a4e-9f55-1d0ad1f4e001"}},
				   "request":{"method":"POST","url":"Observation"}}]}""";
        assertRejectedWithoutWrites(() -> http.post("/", body), 400, "not-a-date");
    }

    @Test
    void numberBeyondTheRangeOfDoublesIsRejected() {
        String observation = """
				{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},
				 "effectiveDateTime":"2021-01-01","valueQuantity":{"value":1e400,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}""";
        assertRejectedWithoutWrites(() -> http.post("/Observation", observation), 400, "1E+400 is too large");
        assertRejectedWithoutWrites(() -> http.post("/", """
				{"resourceType":"Bundle","type":"transaction","entry":[
				  {"fullUrl":"urn:uuid:6f1b0c55-1c53-4a4e-9f55-1d0ad1f4e101",
				   "resource":{"resourceType":"Patient","name":[{"family":"Big"}]},"request":{"method":"POST","url":"Patient"}},
				  {"resource":%s,"request":{"method":"POST","url":"Observation"}}]}""".formatted(observation)), 400, "too large");
    }

    @Test
    void nulCharacterInTextIsRejectedWithoutEchoingSql() {
        assertRejectedWithoutWrites(
                () -> http.post("/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"a\\u0000b\"}]}"),
                400,
                "NUL");
        HttpResponse<String> search = http.get("/Patient?name=a%00b");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(400);
        assertOperationOutcome(search.body(), "NUL");
        assertThat(search.body())
                .doesNotContainIgnoringCase("insert into")
                .doesNotContainIgnoringCase("select ")
                .doesNotContain("ERROR:");
    }

    @Test
    void unknownSearchParameterIsRejected() {
        HttpResponse<String> response = http.get("/Observation?no-such-parameter=1");
        assertThat(response.statusCode()).isEqualTo(400);
        assertOperationOutcome(response.body(), "no-such-parameter");
    }

    private void assertRejectedWithoutWrites(
            java.util.function.Supplier<HttpResponse<String>> request, int expectedStatus, String expectedDiagnostic) {
        long versionsBefore = storedVersions();
        long patientsBefore = storedCount("Patient");
        long observationsBefore = storedCount("Observation");

        HttpResponse<String> response = request.get();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        assertOperationOutcome(response.body(), expectedDiagnostic);
        assertThat(storedVersions()).isEqualTo(versionsBefore);
        assertThat(storedCount("Patient")).isEqualTo(patientsBefore);
        assertThat(storedCount("Observation")).isEqualTo(observationsBefore);
    }

    private void assertOperationOutcome(String body, String expectedDiagnostic) {
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, body);
        assertThat(outcome.getIssue()).isNotEmpty();
        assertThat(outcome.getIssueFirstRep().getSeverity())
                .isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
        assertThat(outcome.getIssue())
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains(expectedDiagnostic));
    }
}
