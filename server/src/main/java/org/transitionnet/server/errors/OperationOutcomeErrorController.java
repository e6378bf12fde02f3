package org.transitionnet.server.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors that happen outside the FHIR servlet's own
 * handling (an unknown path, a failure in a filter, a status set with {@code sendError}) are answered
 * with an OperationOutcome, never an HTML page or a stack trace. Replaces Spring Boot's whitelabel page.
 */
@RestController
public class OperationOutcomeErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(OperationOutcomeErrorController.class);

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable t) {
            log.warn(
                    "{} answered {}: {}",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    status,
                    t.toString(),
                    t);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String diagnostics = "HTTP " + status + (known == null ? "" : " " + known.getReasonPhrase());
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(OperationOutcomes.FHIR_JSON))
                .body(OperationOutcomes.json(OperationOutcomes.issueType(status), diagnostics));
    }
}
