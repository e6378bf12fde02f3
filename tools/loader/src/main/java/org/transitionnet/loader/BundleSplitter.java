package org.transitionnet.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Splits a transaction bundle that is larger than the server accepts (entries per bundle, bytes per request) into
 * parts sent one after the other. Entries are ordered so that every resource comes after the resources it
 * references (keeping the generator's order otherwise), and a reference to an entry that lands in another part is
 * rewritten from its {@code urn:uuid:} full URL to {@code Type/id}, which the earlier part has created under that id.
 * Only entries written with {@code PUT Type/id} (the loader's idempotent requests) can be addressed across parts; a
 * bundle that needs splitting but has entries without a known id is left whole (and the server answers why).
 * Each part is a transaction of its own: a patient whose later part fails has its earlier parts stored, and loading
 * again completes it, because every request is idempotent.
 */
public final class BundleSplitter {

    private final int maxEntries;
    private final long maxBytes;
    private final ObjectMapper mapper;

    public BundleSplitter(int maxEntries, long maxBytes, ObjectMapper mapper) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    /** The bundle itself when it fits, else its parts in the order they must be sent. */
    public List<ObjectNode> split(ObjectNode bundle) {
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        if (!(bundle.get("entry") instanceof ArrayNode) || fits(entries)) {
            return List.of(bundle);
        }
        Map<String, String> addresses = new HashMap<>();
        Map<String, Integer> byFullUrl = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String fullUrl = entry.path("fullUrl").asText("");
            String address = putAddress(entry);
            if (!fullUrl.isEmpty()) {
                byFullUrl.put(fullUrl, i);
            }
            if (address == null) {
                return List.of(bundle);
            }
            if (!fullUrl.isEmpty()) {
                addresses.put(fullUrl, address);
            }
        }
        List<Integer> order = dependencyOrder(entries, byFullUrl);
        List<List<Integer>> parts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        for (int index : order) {
            long size = sizeOf(entries.get(index));
            if (!current.isEmpty() && (current.size() >= maxEntries || bytes + size > maxBytes)) {
                parts.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(index);
            bytes += size;
        }
        parts.add(current);
        List<ObjectNode> out = new ArrayList<>();
        for (List<Integer> part : parts) {
            Set<String> local = new LinkedHashSet<>();
            part.forEach(i -> local.add(entries.get(i).path("fullUrl").asText("")));
            ObjectNode piece = bundle.deepCopy();
            ArrayNode pieceEntries = piece.putArray("entry");
            for (int i : part) {
                ObjectNode entry = (ObjectNode) entries.get(i).deepCopy();
                if (!rewriteReferences(entry.path("resource"), addresses, local)) {
                    // It references a conditionally written entry of another part, which has no id to name.
                    return List.of(bundle);
                }
                pieceEntries.add(entry);
            }
            out.add(piece);
        }
        return out;
    }

    private boolean fits(ArrayNode entries) {
        if (entries.size() > maxEntries) {
            return false;
        }
        long bytes = 0;
        for (JsonNode entry : entries) {
            bytes += sizeOf(entry);
        }
        return bytes <= maxBytes;
    }

    private long sizeOf(JsonNode entry) {
        try {
            return mapper.writeValueAsBytes(entry).length + 1L;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code Type/id} of an entry written with {@code PUT Type/id}; "" for a conditional write (no id to name from
     * another part); null for anything else (a POST), which makes the bundle unsplittable.
     */
    private static String putAddress(JsonNode entry) {
        JsonNode request = entry.path("request");
        String url = request.path("url").asText("");
        if (!"PUT".equals(request.path("method").asText(""))) {
            return null;
        }
        if (url.contains("?")) {
            return "";
        }
        return url.matches("[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}") ? url : null;
    }

    /** Entries ordered so that each follows those it references; the generator's order breaks ties and cycles. */
    private static List<Integer> dependencyOrder(ArrayNode entries, Map<String, Integer> byFullUrl) {
        int n = entries.size();
        List<Set<Integer>> dependents = new ArrayList<>();
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < n; i++) {
            Set<Integer> targets = new LinkedHashSet<>();
            collectReferences(entries.get(i).path("resource"), byFullUrl, targets);
            targets.remove(i);
            for (int target : targets) {
                if (dependents.get(target).add(i)) {
                    waiting[i]++;
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        boolean[] placed = new boolean[n];
        while (order.size() < n) {
            if (ready.isEmpty()) {
                // A reference cycle: release the earliest entry not yet placed.
                for (int i = 0; i < n; i++) {
                    if (!placed[i]) {
                        waiting[i] = 0;
                        ready.add(i);
                        break;
                    }
                }
            }
            int next = ready.poll();
            if (placed[next]) {
                continue;
            }
            placed[next] = true;
            order.add(next);
            for (int dependent : dependents.get(next)) {
                if (!placed[dependent] && --waiting[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    private static void collectReferences(JsonNode node, Map<String, Integer> byFullUrl, Set<Integer> out) {
        if (node.isObject()) {
            JsonNode reference = node.get("reference");
            if (reference != null && reference.isTextual() && byFullUrl.containsKey(reference.asText())) {
                out.add(byFullUrl.get(reference.asText()));
            }
            node.elements().forEachRemaining(child -> collectReferences(child, byFullUrl, out));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, byFullUrl, out));
        }
    }

    /** Rewrites references to entries of other parts; false when one of them cannot be named by id. */
    private static boolean rewriteReferences(JsonNode node, Map<String, String> addresses, Set<String> local) {
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual()) {
                String target = reference.asText();
                String address = addresses.get(target);
                if (address != null && !local.contains(target)) {
                    if (address.isEmpty()) {
                        return false;
                    }
                    object.set("reference", TextNode.valueOf(address));
                }
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                if (!rewriteReferences(it.next(), addresses, local)) {
                    return false;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                if (!rewriteReferences(child, addresses, local)) {
                    return false;
                }
            }
        }
        return true;
    }
}
