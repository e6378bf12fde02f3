package org.transitionnet.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The FHIR REST endpoint's behaviour.
 *
 * @param serverAddress   absolute base URL the server announces (links, Location headers);
 *                        empty: derived from each request, which breaks behind a proxy
 * @param defaultPageSize search page size when the client sends no {@code _count}
 * @param maxPageSize     upper bound on {@code _count}, protecting memory
 * @param openapiEnabled  serve OpenAPI/Swagger UI at {@code /fhir/api-docs}
 * @param allowMultipleDelete allow conditional deletes that match many resources
 * @param expungeEnabled  allow the destructive {@code $expunge} operation
 * @param reuseCachedSearchResultsMs how long HAPI answers a repeated identical search from the stored
 *                        results of the first one instead of searching again; 0 (default): never, so a
 *                        search right after a write or a derivation sees it (HAPI's own default, 60 s,
 *                        hides new derived transitions from searches for up to a minute)
 */
@ConfigurationProperties("transitionnet.fhir")
public record FhirServerProperties(
        String serverAddress,
        Integer defaultPageSize,
        Integer maxPageSize,
        Boolean openapiEnabled,
        Boolean allowMultipleDelete,
        Boolean expungeEnabled,
        Long reuseCachedSearchResultsMs) {

    public FhirServerProperties {
        serverAddress = serverAddress == null ? "" : serverAddress;
        defaultPageSize = defaultPageSize == null ? 20 : defaultPageSize;
        maxPageSize = maxPageSize == null ? 500 : maxPageSize;
        openapiEnabled = openapiEnabled == null || openapiEnabled;
        allowMultipleDelete = allowMultipleDelete != null && allowMultipleDelete;
        expungeEnabled = expungeEnabled != null && expungeEnabled;
        reuseCachedSearchResultsMs = reuseCachedSearchResultsMs == null ? 0L : reuseCachedSearchResultsMs;
    }
}
