package org.transitionnet.server.record.ingest.bulkimport;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.imprt.BulkDataImportProvider;
import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.RestfulServerContributor;

/**
 * Offers HAPI's Bulk Data {@code $import} (Batch2 job {@code BULK_IMPORT_PULL}, defined by HAPI's
 * BulkImportAppCtx) on the FHIR endpoint, behind the import-source allow-list. The job writes each chunk of
 * NDJSON lines through the system DAO as one batch, so every storage interceptor (write guards, IG
 * validation, the fact projection) sees imported resources like any other write.
 */
@Configuration
@ConditionalOnProperty(name = "transitionnet.ingest.import-enabled", havingValue = "true", matchIfMissing = true)
public class BulkImportConfig {

    @Bean
    public RestfulServerContributor bulkImportEndpoint(
            BulkDataImportProvider bulkImportProvider,
            FhirContext fhirContext,
            IJobCoordinator jobs,
            BulkImportProperties properties) {
        ImportSources sources = new ImportSources(properties.importAllowedSources());
        return server -> {
            server.registerInterceptor(new ImportRequestGuard(fhirContext, sources, jobs));
            server.registerProvider(bulkImportProvider);
        };
    }
}
