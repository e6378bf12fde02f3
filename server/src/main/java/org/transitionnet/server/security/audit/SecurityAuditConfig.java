package org.transitionnet.server.security.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.security.OperationDeclarations;

/** The audit trail of patient-data reads, bulk exports and denied requests (unauthenticated ones in aggregate). */
@Configuration
public class SecurityAuditConfig {

    @Bean
    public AuditTrail auditTrail(DaoRegistry daos) {
        return new AuditTrail(daos);
    }

    @Bean
    public RestfulServerContributor auditInterceptor(
            AuditTrail trail, ObjectProvider<OperationDeclarations> operations) {
        return server -> server.registerInterceptor(new AuditInterceptor(trail, operations::getObject));
    }

    /**
     * Requests Spring Security refuses before they reach the FHIR servlet: without a valid token (401),
     * audited in aggregate per source and window; others one by one.
     */
    @Bean
    public UnauthenticatedRequestAudit unauthenticatedRequestAudit(AuditTrail trail, AuditProperties properties) {
        return new UnauthenticatedRequestAudit(
                trail, properties.unauthenticatedMaxSources(), java.time.Clock.systemUTC());
    }
}
