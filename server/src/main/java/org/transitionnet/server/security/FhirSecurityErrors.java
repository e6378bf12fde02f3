package org.transitionnet.server.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 answers of Spring Security as FHIR clients expect them: an OperationOutcome body, plus the
 * RFC 6750 {@code WWW-Authenticate} header Spring computes. Also tells the audit trail about the denial.
 */
public class FhirSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final FhirContext fhirContext;
    private final DeniedAccessListener listener;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    public FhirSecurityErrors(FhirContext fhirContext, DeniedAccessListener listener) {
        this.fhirContext = fhirContext;
        this.listener = listener;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearerEntryPoint.commence(request, response, e);
        listener.denied(request, HttpServletResponse.SC_UNAUTHORIZED, e.getMessage());
        write(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                OperationOutcome.IssueType.LOGIN,
                "Authentication required: send a valid bearer access token (" + e.getMessage() + ")");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        bearerDenied.handle(request, response, e);
        listener.denied(request, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
        write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                OperationOutcome.IssueType.FORBIDDEN,
                "Access denied: " + e.getMessage());
    }

    private void write(HttpServletResponse response, int status, OperationOutcome.IssueType type, String message)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(message);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    /** Whoever wants to know about denied requests (the audit trail). */
    @FunctionalInterface
    public interface DeniedAccessListener {
        void denied(HttpServletRequest request, int status, String reason);

        DeniedAccessListener NONE = (request, status, reason) -> {};
    }
}
