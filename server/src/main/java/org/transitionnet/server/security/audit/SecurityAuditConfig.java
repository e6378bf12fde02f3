package org.transitionnet.server.security.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.security.FhirSecurityErrors;

/** The audit trail of patient-data reads, bulk exports and denied requests. */
@Configuration
public class SecurityAuditConfig {

	@Bean
	public AuditTrail auditTrail(DaoRegistry daos) {
		return new AuditTrail(daos);
	}

	@Bean
	public RestfulServerContributor auditInterceptor(AuditTrail trail) {
		return server -> server.registerInterceptor(new AuditInterceptor(trail));
	}

	/** Requests Spring Security refuses before they reach the FHIR servlet (no or invalid token). */
	@Bean
	public FhirSecurityErrors.DeniedAccessListener auditDeniedRequests(AuditTrail trail) {
		return (request, status, reason) -> trail.record(new AuditedAction(AuditedAction.Kind.ACCESS_DENIED,
				request.getMethod().toLowerCase(java.util.Locale.ROOT), null, null,
				request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
				request.getRemoteAddr(), status, reason));
	}
}
