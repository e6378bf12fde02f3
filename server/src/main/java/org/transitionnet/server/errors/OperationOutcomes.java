package org.transitionnet.server.errors;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Error answers written outside HAPI's RestfulServer (servlet filters, the container's error page, the
 * servlet error controller) in the same form the FHIR endpoint uses: an OperationOutcome as FHIR JSON.
 */
public final class OperationOutcomes {

    public static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private OperationOutcomes() {}

    public static String json(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(diagnostics);
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome);
    }

    /** Sets the status and writes the OperationOutcome; the response must not be committed yet. */
    public static void write(
            HttpServletResponse response, int status, OperationOutcome.IssueType type, String diagnostics)
            throws IOException {
        byte[] body = json(type, diagnostics).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(FHIR_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The issue type that fits an HTTP error status. */
    public static OperationOutcome.IssueType issueType(int status) {
        return switch (status) {
            case 401 -> OperationOutcome.IssueType.LOGIN;
            case 403 -> OperationOutcome.IssueType.FORBIDDEN;
            case 404 -> OperationOutcome.IssueType.NOTFOUND;
            case 408 -> OperationOutcome.IssueType.TIMEOUT;
            case 413 -> OperationOutcome.IssueType.TOOCOSTLY;
            case 429 -> OperationOutcome.IssueType.THROTTLED;
            default -> status >= 500 ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.INVALID;
        };
    }
}
