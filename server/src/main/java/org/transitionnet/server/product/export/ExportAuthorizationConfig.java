package org.transitionnet.server.product.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.async.JobOwnerAccess;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.security.BulkExportOwnership;
import org.transitionnet.server.security.ExportBinaryAccess;
import org.transitionnet.server.security.ExportOwnership;
import org.transitionnet.server.security.SmartJobOwnerAccess;

/**
 * Exports and dataset builds belong to the client that started them ({@link ExportOwnership}): the research export
 * and the dataset build through their access hooks, HAPI's {@code $export} through its status operation and its
 * output Binaries. Off
 * when security is off (then there are no clients to tell apart).
 */
@Configuration
@ConditionalOnProperty(name = "transitionnet.security.enabled", havingValue = "true", matchIfMissing = true)
public class ExportAuthorizationConfig {

    @Bean
    public ResearchExportAccess smartResearchExportAccess() {
        return new SmartResearchExportAccess();
    }

    /** The same ownership for the other asynchronous jobs (dataset builds). */
    @Bean
    public JobOwnerAccess smartJobOwnerAccess() {
        return new SmartJobOwnerAccess();
    }

    @Bean
    public RestfulServerContributor bulkExportOwnership(IJobCoordinator jobs, FhirContext fhirContext) {
        return server -> {
            server.registerInterceptor(new BulkExportOwnership(jobs));
            server.registerInterceptor(new ExportBinaryAccess(fhirContext));
        };
    }
}
