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
import org.transitionnet.server.benchmark.BenchmarkOperations;
import org.transitionnet.server.export.ResearchExportProvider;
import org.transitionnet.server.security.SmartAccessToken;
import org.transitionnet.server.security.audit.AuditedAction.Kind;

/**
 * Records an AuditEvent for each trajectory and transitions read, each bulk-import kick-off, each bulk-export
 * kick-off and download (bulk-export files are served as Binary resources), each research-export kick-off,
 * download and cancellation, each benchmark dataset build, cancellation, file download and evaluation, and each request
 * the FHIR endpoint refuses with 401/403.
 */
public class AuditInterceptor {

	private final AuditTrail trail;

	public AuditInterceptor(AuditTrail trail) {
		this.trail = trail;
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	public void completed(ServletRequestDetails request) {
		Kind kind = kindOf(request);
		if (kind != null) {
			trail.record(action(kind, request, request.getServletResponse() == null ? 200 : request.getServletResponse().getStatus(), null));
		}
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean failed(RequestDetails request, BaseServerResponseException exception) {
		if (exception instanceof ForbiddenOperationException || exception instanceof AuthenticationException) {
			trail.record(action(Kind.ACCESS_DENIED, request, exception.getStatusCode(), exception.getMessage()));
		}
		return true;
	}

	static Kind kindOf(RequestDetails request) {
		String operation = request.getOperation();
		if ("$trajectory".equals(operation)) {
			return Kind.TRAJECTORY_READ;
		}
		if ("$transitions".equals(operation)) {
			return Kind.TRANSITIONS_READ;
		}
		if ("$export".equals(operation)) {
			return Kind.BULK_EXPORT_KICK_OFF;
		}
		if ("$import".equals(operation)) {
			return Kind.BULK_IMPORT_KICK_OFF;
		}
		if (ResearchExportProvider.OP_KICK_OFF.equals(operation)) {
			return Kind.RESEARCH_EXPORT_KICK_OFF;
		}
		if (ResearchExportProvider.OP_FILE.equals(operation)) {
			return Kind.RESEARCH_EXPORT_DOWNLOAD;
		}
		if (ResearchExportProvider.OP_STATUS.equals(operation) && request.getRequestType() == RequestTypeEnum.DELETE) {
			return Kind.RESEARCH_EXPORT_CANCEL;
		}
		if (BenchmarkOperations.BUILD.equals(operation)) {
			return Kind.DATASET_BUILD;
		}
		if (BenchmarkOperations.BUILD_STATUS.equals(operation) && request.getRequestType() == RequestTypeEnum.DELETE) {
			return Kind.DATASET_BUILD_CANCEL;
		}
		if (BenchmarkOperations.FILE.equals(operation)) {
			return Kind.DATASET_DOWNLOAD;
		}
		if (BenchmarkOperations.EVALUATE.equals(operation)) {
			return Kind.EVALUATION;
		}
		if ("Binary".equals(request.getResourceName()) && request.getRestOperationType() == RestOperationTypeEnum.READ) {
			return Kind.BULK_EXPORT_DOWNLOAD;
		}
		return null;
	}

	private static AuditedAction action(Kind kind, RequestDetails request, int status, String reason) {
		AuditedAction.Agent agent = SmartAccessToken.current()
				.map(token -> new AuditedAction.Agent(token.clientId(), token.subject())).orElse(null);
		String patient = "Patient".equals(request.getResourceName()) && request.getId() != null && request.getId().hasIdPart()
				? request.getId().getIdPart() : null;
		String subtype = request.getOperation() != null ? request.getOperation()
				: request.getRestOperationType() == null ? "read" : request.getRestOperationType().getCode();
		String address = request instanceof ServletRequestDetails servlet ? servlet.getServletRequest().getRemoteAddr() : null;
		return new AuditedAction(kind, subtype, agent, patient, request.getCompleteUrl(), address, status, reason);
	}
}
