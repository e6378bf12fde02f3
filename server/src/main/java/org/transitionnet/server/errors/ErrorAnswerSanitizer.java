package org.transitionnet.server.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps internal text out of the FHIR endpoint's error answers. When an error's message (or the
 * OperationOutcome it carries) holds SQL, a database error report or a Java exception, the answer keeps
 * its status but says only what kind of failure it was and a reference; the full error goes to the log
 * under that reference. Unexpected exceptions (not HAPI's own answers) are treated the same way.
 */
public class ErrorAnswerSanitizer {

    private static final Logger log = LoggerFactory.getLogger(ErrorAnswerSanitizer.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException sanitize(RequestDetails request, Throwable throwable) {
        int status;
        if (throwable instanceof BaseServerResponseException answer) {
            status = answer.getStatusCode();
            if (!InternalText.looksInternal(answer.getMessage())
                    && !carriesInternalText(answer.getOperationOutcome())) {
                return null;
            }
        } else {
            status = throwable instanceof DataFormatException ? 400 : 500;
            if (status == 400 && !InternalText.looksInternal(throwable.getMessage())) {
                return null;
            }
        }
        String reference = UUID.randomUUID().toString();
        log.warn(
                "{} {} answered {} (reference {}); the answer leaves out the internal details: {}",
                request == null ? "" : request.getRequestType(),
                request == null ? "" : request.getCompleteUrl(),
                status,
                reference,
                throwable.toString(),
                throwable);
        BaseServerResponseException replacement =
                BaseServerResponseException.newInstance(status, summary(status) + " (reference " + reference + ")");
        if (throwable instanceof BaseServerResponseException answer && answer.hasResponseHeaders()) {
            for (Map.Entry<String, List<String>> header :
                    answer.getResponseHeaders().entrySet()) {
                header.getValue().forEach(value -> replacement.addResponseHeader(header.getKey(), value));
            }
        }
        return replacement;
    }

    private static boolean carriesInternalText(IBaseOperationOutcome outcome) {
        return outcome instanceof OperationOutcome oo
                && oo.getIssue().stream().anyMatch(issue -> InternalText.looksInternal(issue.getDiagnostics()));
    }

    static String summary(int status) {
        return switch (status) {
            case 400 -> "The request could not be processed";
            case 409 -> "The request conflicts with the stored data and was not applied";
            case 412 -> "A precondition of the request failed";
            case 422 -> "The resource could not be processed";
            default -> status >= 500 ? "Internal server error" : "The request failed";
        };
    }
}
