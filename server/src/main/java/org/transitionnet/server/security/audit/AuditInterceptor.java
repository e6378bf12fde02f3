package org.transitionnet.server.security.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;
import java.util.function.Supplier;
import org.transitionnet.server.security.AuditedAction;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationDeclaration;
import org.transitionnet.server.security.OperationDeclarations;
import org.transitionnet.server.security.SmartAccessToken;

/**
 * Records an AuditEvent for each call of an operation that declares one (trajectory and transitions reads,
 * research-export kick-offs, downloads and cancellations, benchmark dataset builds, cancellations, file downloads
 * and evaluations: see each operation's {@link OperationAccess}), each bulk-import kick-off, each bulk-export
 * kick-off and download (bulk-export files are served as Binary resources), and each request the FHIR endpoint
 * refuses with 401/403.
 */
public class AuditInterceptor {

    private final AuditTrail trail;
    private final Supplier<OperationDeclarations> operations;

    /** @param operations the endpoint's declarations, read when requests arrive (they exist once the endpoint does) */
    public AuditInterceptor(AuditTrail trail, Supplier<OperationDeclarations> operations) {
        this.trail = trail;
        this.operations = operations;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(ServletRequestDetails request) {
        Kind kind = kindOf(request);
        if (kind != null) {
            trail.record(action(
                    kind,
                    request,
                    request.getServletResponse() == null
                            ? 200
                            : request.getServletResponse().getStatus(),
                    null));
        }
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        if (exception instanceof ForbiddenOperationException || exception instanceof AuthenticationException) {
            trail.record(action(Kind.ACCESS_DENIED, request, exception.getStatusCode(), exception.getMessage()));
        }
        return true;
    }

    /**
     * The operations this server adds record what they declare ({@link OperationAccess#audit()}); HAPI's own
     * Bulk Data operations and the Binary reads that serve bulk-export files are named here.
     */
    Kind kindOf(RequestDetails request) {
        String operation = request.getOperation();
        boolean delete = request.getRequestType() == RequestTypeEnum.DELETE;
        Optional<OperationDeclaration> declared = operations.get().find(operation);
        if (declared.isPresent()) {
            return declared.get().auditFor(delete);
        }
        if ("$export".equals(operation)) {
            return Kind.BULK_EXPORT_KICK_OFF;
        }
        if ("$import".equals(operation)) {
            return Kind.BULK_IMPORT_KICK_OFF;
        }
        if ("Binary".equals(request.getResourceName())
                && request.getRestOperationType() == RestOperationTypeEnum.READ) {
            return Kind.BULK_EXPORT_DOWNLOAD;
        }
        return null;
    }

    private static AuditedAction action(Kind kind, RequestDetails request, int status, String reason) {
        AuditedAction.Agent agent = SmartAccessToken.current()
                .map(token -> new AuditedAction.Agent(token.clientId(), token.subject()))
                .orElse(null);
        String patient = "Patient".equals(request.getResourceName())
                        && request.getId() != null
                        && request.getId().hasIdPart()
                ? request.getId().getIdPart()
                : null;
        String subtype = request.getOperation() != null
                ? request.getOperation()
                : request.getRestOperationType() == null
                        ? "read"
                        : request.getRestOperationType().getCode();
        String address = request instanceof ServletRequestDetails servlet
                ? servlet.getServletRequest().getRemoteAddr()
                : null;
        return new AuditedAction(kind, subtype, agent, patient, request.getCompleteUrl(), address, status, reason);
    }
}
