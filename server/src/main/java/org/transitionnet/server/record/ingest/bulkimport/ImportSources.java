package org.transitionnet.server.record.ingest.bulkimport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow-list of {@code $import} input URLs. A URL is allowed when an entry has the same scheme
 * (http or https), host and port (the scheme's default when none is written) and the URL's path starts
 * with the entry's path at a segment boundary. URLs with user info, a fragment, or {@code ..} segments
 * (also percent-encoded) are never allowed, so no spelling of a URL escapes its entry.
 */
public final class ImportSources {

    private final List<URI> allowed;

    public ImportSources(List<String> allowedBaseUrls) {
        this.allowed = allowedBaseUrls.stream().map(ImportSources::parseEntry).toList();
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    /** Why the URL is refused, or empty when an entry allows it. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + url);
        }
        if (!isHttp(uri) || uri.getHost() == null) {
            return Optional.of("only http and https URLs can be imported: " + url);
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawFragment() != null
                || rawPath(uri).contains("/..")
                || (uri.getPath() != null && uri.getPath().contains("/.."))) {
            return Optional.of("user info, fragments and '..' are not allowed in import URLs: " + url);
        }
        if (allowed.stream().anyMatch(entry -> covers(entry, uri))) {
            return Optional.empty();
        }
        return Optional.of(
                allowed.isEmpty()
                        ? "this server imports from no source (transitionnet.ingest.import-allowed-sources is empty): "
                                + url
                        : "not under an allowed import source (transitionnet.ingest.import-allowed-sources): " + url);
    }

    private static boolean covers(URI entry, URI url) {
        if (!entry.getScheme().equalsIgnoreCase(url.getScheme())
                || !entry.getHost().equalsIgnoreCase(url.getHost())
                || port(entry) != port(url)) {
            return false;
        }
        String base = rawPath(entry);
        String path = rawPath(url);
        if (base.isEmpty() || base.equals("/")) {
            return true;
        }
        String prefix = base.endsWith("/") ? base : base + "/";
        return path.equals(base) || path.startsWith(prefix);
    }

    private static URI parseEntry(String text) {
        try {
            URI uri = new URI(text).normalize();
            if (!isHttp(uri) || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                throw new IllegalArgumentException(
                        "transitionnet.ingest.import-allowed-sources: not an http(s) base URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("transitionnet.ingest.import-allowed-sources: not a URL: " + text, e);
        }
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String rawPath(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }
}
