package org.transitionnet.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/** Every error answer is an OperationOutcome, with a 4xx where the client is at fault and no internal text. */
class ErrorAnswersIT extends ServerTestBase {

    @Test
    void validatingADeeplyNestedExtensionIsABadRequest() {
        String extension = "{\"url\":\"http://example.org/leaf\",\"valueString\":\"x\"}";
        for (int i = 0; i < 400; i++) {
            extension = "{\"url\":\"http://example.org/e" + i + "\",\"extension\":[" + extension + "]}";
        }
        String observation =
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"extension\":["
                        + extension + "]}";

        HttpResponse<String> response = http.post("/Observation/$validate", observation);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertOperationOutcome(response, "nests deeper");
    }

    @Test
    void overLongUrlGetsAnOperationOutcome() throws Exception {
        String url = baseUrl() + "/Patient?name=" + "a".repeat(20_000);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + adminToken())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("fhir+json"));
        assertOperationOutcome(response, "HTTP " + response.statusCode());
        assertThat(response.body()).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
    }

    @Test
    void unknownPathOutsideTheFhirEndpointGetsAnOperationOutcome() {
        HttpResponse<String> response = http.get("http://localhost:" + port + "/no-such-page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertOperationOutcome(response, "404");
    }

    @Test
    void rederiveOfAPatientThatDoesNotExistIsNotFound() {
        HttpResponse<String> response = http.post("/$rederive", """
				{"resourceType":"Parameters","parameter":[{"name":"patient","valueReference":{"reference":"Patient/never-was-7f3e"}}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertOperationOutcome(response, "Patient/never-was-7f3e");
    }

    private void assertOperationOutcome(HttpResponse<String> response, String expected) {
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getSeverity())
                    .isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
            assertThat(issue.getDiagnostics()).contains(expected);
        });
        assertThat(InternalText.looksInternal(response.body()))
                .as(response.body())
                .isFalse();
    }
}
