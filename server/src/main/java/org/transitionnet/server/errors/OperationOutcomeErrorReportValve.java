package org.transitionnet.server.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's last-resort error page, for requests that never reach a servlet (a request line or headers
 * too long, characters the URL may not contain): an OperationOutcome instead of Tomcat's HTML page,
 * without server details.
 */
public class OperationOutcomeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own page: only error statuses, only when nothing was written and the error is not reported yet.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(OperationOutcomes.FHIR_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(OperationOutcomes.json(
                        OperationOutcomes.issueType(status), "HTTP " + status + describe(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written any more: nothing else to do.
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> ": the request could not be read (malformed request line, URL or headers)";
            case 414 -> ": the URL is too long";
            case 431 -> ": the request headers are too large";
            default -> "";
        };
    }
}
