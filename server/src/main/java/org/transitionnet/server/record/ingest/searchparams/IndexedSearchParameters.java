package org.transitionnet.server.record.ingest.searchparams;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which built-in search parameters the server indexes, per resource type: every write extracts and stores an
 * index row for each value of each active parameter, so parameters nobody searches cost ingest time and disk
 * for nothing. Resource types named here keep only the listed built-in parameters; types not named keep all
 * of theirs. Parameters the IG defines, and HAPI's own that cannot be disabled, are never affected.
 *
 * @param keptByType for each governed resource type, the codes of the built-in parameters it keeps
 */
public record IndexedSearchParameters(Map<String, Set<String>> keptByType) {

    public IndexedSearchParameters {
        Map<String, Set<String>> copy = new TreeMap<>();
        keptByType.forEach((type, codes) -> copy.put(type, Set.copyOf(new TreeSet<>(codes))));
        keptByType = Map.copyOf(copy);
    }

    /** No cuts: every built-in parameter stays active. */
    public static IndexedSearchParameters all() {
        return new IndexedSearchParameters(Map.of());
    }

    /** Whether the resource type's built-in parameters are cut to a list. */
    public boolean governs(String resourceType) {
        return keptByType.containsKey(resourceType);
    }

    /** Whether the built-in parameter {@code code} of {@code resourceType} is indexed. */
    public boolean keeps(String resourceType, String code) {
        Set<String> kept = keptByType.get(resourceType);
        return kept == null || kept.contains(code);
    }
}
