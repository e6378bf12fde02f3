package org.transitionnet.server.record.ingest.bulkimport;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bulk Data {@code $import} (NDJSON back-loads through HAPI's Batch2 import job). The server fetches the
 * NDJSON files itself, so it only fetches from base URLs the operator lists: anything else would let a
 * client make the server call arbitrary addresses (server-side request forgery).
 *
 * @param importEnabled        offer {@code $import} and {@code $import-poll-status} on the FHIR endpoint
 * @param importAllowedSources base URLs the NDJSON inputs may come from (scheme, host, port and path prefix);
 *                             empty: every {@code $import} is refused
 */
@ConfigurationProperties("transitionnet.ingest")
public record BulkImportProperties(Boolean importEnabled, List<String> importAllowedSources) {

    public BulkImportProperties {
        importEnabled = importEnabled == null || importEnabled;
        importAllowedSources = importAllowedSources == null
                ? List.of()
                : importAllowedSources.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
