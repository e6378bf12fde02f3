package org.transitionnet.server.product.export;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which kick-off parameters the research export understands. Bulk Data v2 asks a server to refuse a
 * parameter it does not support (e.g. {@code _typeFilter}, {@code _elements}, {@code patient},
 * {@code includeAssociatedData}), so a client never takes a filtered request's output for the
 * unfiltered one, unless the client sends {@code Prefer: handling=lenient}, which lets it be ignored.
 */
public final class KickOffParameters {

    /** The export's own parameters, and HAPI's response-format parameters. */
    static final Set<String> SUPPORTED =
            Set.of("_type", "_outputFormat", "_since", "_k", "_m", "_push", "_pseudonyms", "_format", "_pretty");

    private KickOffParameters() {}

    /** The names the export does not support, in the order given, each once. */
    public static List<String> unsupported(Collection<String> names) {
        return names.stream()
                .filter(name -> !SUPPORTED.contains(name))
                .distinct()
                .toList();
    }

    /** Whether any {@code Prefer} header value asks for {@code handling=lenient}. */
    public static boolean lenient(Collection<String> preferHeaders) {
        return preferHeaders.stream()
                .flatMap(h -> List.of(h.split("[,;]")).stream())
                .map(token -> token.strip().toLowerCase(Locale.ROOT).replace(" ", ""))
                .anyMatch("handling=lenient"::equals);
    }
}
