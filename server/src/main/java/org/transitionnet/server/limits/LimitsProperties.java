package org.transitionnet.server.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what one request to the FHIR endpoint may cost, so that no client (and no one without a
 * token) can exhaust memory or hold the server for minutes with a single request.
 *
 * @param maxRequestSize      largest request body as sent (compressed or not); larger: 413
 * @param maxDecompressedSize largest body after {@code Content-Encoding: gzip} is undone; larger: 413
 * @param maxBundleEntries    most entries in one transaction or batch bundle; more: 413
 * @param maxNestingDepth     deepest nesting of JSON objects/arrays or XML elements in a body; deeper: 400
 */
@ConfigurationProperties("transitionnet.limits")
public record LimitsProperties(
        DataSize maxRequestSize, DataSize maxDecompressedSize, Integer maxBundleEntries, Integer maxNestingDepth) {

    public LimitsProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(32) : maxRequestSize;
        maxDecompressedSize = maxDecompressedSize == null ? DataSize.ofMegabytes(32) : maxDecompressedSize;
        maxBundleEntries = maxBundleEntries == null ? 10_000 : maxBundleEntries;
        maxNestingDepth = maxNestingDepth == null ? 100 : maxNestingDepth;
        if (maxRequestSize.toBytes() < 1
                || maxDecompressedSize.toBytes() < 1
                || maxBundleEntries < 1
                || maxNestingDepth < 1) {
            throw new IllegalArgumentException("transitionnet.limits.* must be positive");
        }
        if (maxRequestSize.toBytes() > Integer.MAX_VALUE - 8 || maxDecompressedSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "transitionnet.limits.max-request-size and max-decompressed-size must be below 2 GB");
        }
    }
}
