package org.transitionnet.server.product.benchmark.evaluate;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The error answers of {@code $evaluate}: a malformed body or request is 400; a record that cannot be
 * scored is 422 and its OperationOutcome names it, by position ({@code expression: predictions[i]}) and
 * record id, so a client finds the first bad record without guessing.
 */
public final class SubmissionErrors {

    private SubmissionErrors() {}

    public static InvalidRequestException badRequest(String message) {
        return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, message, null));
    }

    /** @param recordId the record's id as submitted, or {@code null} when it has none */
    public static UnprocessableEntityException badRecord(int index, String recordId, String problem) {
        String where = "predictions[" + index + "]";
        String message = where + (recordId == null ? "" : " (record '" + shorten(recordId) + "')") + ": " + problem;
        return new UnprocessableEntityException(message, outcome(OperationOutcome.IssueType.INVALID, message, where));
    }

    public static UnprocessableEntityException unprocessable(OperationOutcome.IssueType type, String message) {
        return new UnprocessableEntityException(message, outcome(type, message, null));
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String message, String expression) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(message);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return outcome;
    }

    /** Echoes at most 100 characters of a submitted value. */
    static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
