package org.transitionnet.server.record.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Knobs that trade write throughput against features while EHRs push data.
 *
 * @param massIngestionMode     HAPI's bulk-load mode: skips some per-write checks (e.g. re-reading
 *                              unchanged resources); turn on for initial back-loads only
 * @param matchUrlCache         cache conditional-create/conditional-reference lookups, which
 *                              Synthea-style bundles use for every Organization and Practitioner
 * @param indexStorageOptimized store fewer redundant index columns (smaller tables, faster writes)
 * @param enforceReferentialIntegrity reject writes that point at resources that do not exist
 * @param searchParameters      the list of built-in search parameters indexed for the high-volume resource
 *                              types (YAML, see {@code search/indexed-search-parameters.yaml}); empty: all
 *                              built-in parameters stay indexed
 */
@ConfigurationProperties("transitionnet.ingest")
public record IngestProperties(
        Boolean massIngestionMode,
        Boolean matchUrlCache,
        Boolean indexStorageOptimized,
        Boolean enforceReferentialIntegrity,
        String searchParameters) {

    public static final String DEFAULT_SEARCH_PARAMETERS = "classpath:search/indexed-search-parameters.yaml";

    public IngestProperties {
        massIngestionMode = massIngestionMode != null && massIngestionMode;
        matchUrlCache = matchUrlCache == null || matchUrlCache;
        indexStorageOptimized = indexStorageOptimized != null && indexStorageOptimized;
        enforceReferentialIntegrity = enforceReferentialIntegrity == null || enforceReferentialIntegrity;
        searchParameters = searchParameters == null ? DEFAULT_SEARCH_PARAMETERS : searchParameters.trim();
    }
}
