package org.transitionnet.server.product.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Research export settings.
 *
 * @param k                   smallest quasi-identifier group (distinct subjects) that is released
 * @param allowKOverride      whether a kick-off may ask for a smaller k with {@code _k} (for small test
 *                            populations; a larger k is always allowed)
 * @param patientsPerChunk    patients per Batch2 work chunk
 * @param linesPerPart        output lines held in memory before they are written as one stored part
 * @param minPollInterval     polls of one export closer together than this are answered 429
 * @param requiresAccessToken the manifest's {@code requiresAccessToken} (downloads use the same authorization as kick-off)
 * @param registryUrl         base URL of a research-registry FHIR endpoint that {@code _push=true} sends de-identified bundles to
 * @param registryToken       bearer token the push presents to the registry (from a secret store); empty: none
 * @param retention           how long a finished export's files stay downloadable before they are purged
 * @param removalRetention    how long removals of transitions are remembered for {@code _since} exports
 */
@ConfigurationProperties("transitionnet.export")
public record ExportProperties(
        Integer k,
        Boolean allowKOverride,
        Integer patientsPerChunk,
        Integer linesPerPart,
        Duration minPollInterval,
        Boolean requiresAccessToken,
        String registryUrl,
        String registryToken,
        Duration retention,
        Duration removalRetention) {

    public ExportProperties {
        k = k == null ? 5 : k;
        if (k < 1) {
            throw new IllegalArgumentException("transitionnet.export.k must be at least 1");
        }
        allowKOverride = allowKOverride != null && allowKOverride;
        patientsPerChunk = patientsPerChunk == null ? 20 : patientsPerChunk;
        linesPerPart = linesPerPart == null ? 500 : linesPerPart;
        minPollInterval = minPollInterval == null ? Duration.ofSeconds(2) : minPollInterval;
        requiresAccessToken = requiresAccessToken == null || requiresAccessToken;
        registryUrl = registryUrl == null || registryUrl.isBlank() ? null : registryUrl.replaceAll("/+$", "");
        registryToken = registryToken == null || registryToken.isBlank() ? null : registryToken;
        retention = retention == null ? Duration.ofHours(24) : retention;
        removalRetention = removalRetention == null ? Duration.ofDays(365) : removalRetention;
    }
}
