package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/**
 * {@code $validate} reports what is wrong with a parseable resource (the validator's OperationOutcome)
 * instead of refusing to parse it, while ordinary writes keep refusing the same resource.
 */
class ValidateReportsIT extends ServerTestBase {

    private static final String BAD_STATUS = """
			{"resourceType":"Observation","status":"not-a-status",
			 "code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},"effectiveDateTime":"2021-01-01"}""";

    @Test
    void validateNamesTheStatusBindingError() {
        HttpResponse<String> response = http.post("/Observation/$validate", BAD_STATUS);

        // As FHIR specifies: 200 with the validator's OperationOutcome, whose error issues carry the verdict.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        List<String> errors = outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .map(issue -> issue.getDiagnostics() + " @ " + issue.getExpression())
                .toList();
        assertThat(errors)
                .as(response.body())
                .anySatisfy(error -> assertThat(error).contains("not-a-status").contains("Observation.status"));
        assertThat(response.body()).doesNotContain("Failed to parse");
    }

    @Test
    void validateOfAValidResourceHasNoErrors() {
        HttpResponse<String> response =
                http.post("/Observation/$validate", BAD_STATUS.replace("not-a-status", "final"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).noneMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void writesStillRefuseTheInvalidStatus() {
        long before = storedVersions();
        HttpResponse<String> response = http.post("/Observation", BAD_STATUS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("not-a-status");
        assertThat(storedVersions()).isEqualTo(before);
    }
}
