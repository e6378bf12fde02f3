package org.transitionnet.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drops entries of excluded resource types from a bundle without leaving dangling references.
 *
 * <p>A reference to a dropped entry that sits inside a repeating element (Provenance.target,
 * DiagnosticReport.result, ...) removes that element; one in a single-valued element (such as
 * ExplanationOfBenefit.claim) drops the referencing entry as well, repeated until nothing dangles.
 */
public final class TypeExclusion {

    /** What was dropped: entries per resource type, and how many reference elements were removed. */
    public record Outcome(Map<String, Integer> droppedEntries, int removedReferences) {
        public int droppedEntryCount() {
            return droppedEntries.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Set<String> excludedTypes;

    public TypeExclusion(Set<String> excludedTypes) {
        this.excludedTypes = Set.copyOf(excludedTypes);
    }

    public Outcome apply(ObjectNode bundle) {
        Map<String, Integer> dropped = new TreeMap<>();
        int removedReferences = 0;
        if (excludedTypes.isEmpty() || !(bundle.get("entry") instanceof ArrayNode entries)) {
            return new Outcome(dropped, 0);
        }
        Set<String> droppedUrls = new HashSet<>();
        for (Iterator<JsonNode> it = entries.elements(); it.hasNext(); ) {
            JsonNode entry = it.next();
            String type = entry.path("resource").path("resourceType").asText();
            if (excludedTypes.contains(type)) {
                droppedUrls.addAll(addresses(entry));
                dropped.merge(type, 1, Integer::sum);
                it.remove();
            }
        }
        boolean changed = !droppedUrls.isEmpty();
        while (changed) {
            Set<String> newlyDropped = new HashSet<>();
            for (Iterator<JsonNode> it = entries.elements(); it.hasNext(); ) {
                JsonNode entry = it.next();
                if (!(entry.get("resource") instanceof ObjectNode resource)) {
                    continue;
                }
                Pruning pruning = prune(resource, droppedUrls);
                removedReferences += pruning.removed;
                if (pruning.danglingSingle) {
                    newlyDropped.addAll(addresses(entry));
                    dropped.merge(resource.path("resourceType").asText(), 1, Integer::sum);
                    it.remove();
                }
            }
            changed = droppedUrls.addAll(newlyDropped);
        }
        return new Outcome(dropped, removedReferences);
    }

    /** The ways a reference can point at an entry: its fullUrl and its relative Type/id. */
    public static Set<String> addresses(JsonNode entry) {
        Set<String> addresses = new HashSet<>();
        String fullUrl = entry.path("fullUrl").asText();
        if (!fullUrl.isEmpty()) {
            addresses.add(fullUrl);
        }
        JsonNode resource = entry.path("resource");
        if (resource.hasNonNull("id")) {
            addresses.add(resource.path("resourceType").asText() + "/"
                    + resource.path("id").asText());
        }
        return addresses;
    }

    private static final class Pruning {
        int removed;
        boolean danglingSingle;
    }

    private static Pruning prune(ObjectNode resource, Set<String> droppedUrls) {
        Pruning pruning = new Pruning();
        pruning.danglingSingle = pruneObject(resource, droppedUrls, pruning);
        return pruning;
    }

    /** Returns true when this subtree holds a dangling reference outside any array element. */
    private static boolean pruneObject(JsonNode node, Set<String> droppedUrls, Pruning pruning) {
        boolean dangling = false;
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual() && droppedUrls.contains(reference.asText())) {
                dangling = true;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value instanceof ArrayNode array) {
                    pruneArray(array, droppedUrls, pruning);
                    if (array.isEmpty()) {
                        fields.remove();
                    }
                } else if (value.isContainerNode()) {
                    dangling |= pruneObject(value, droppedUrls, pruning);
                }
            }
        }
        return dangling;
    }

    private static void pruneArray(ArrayNode array, Set<String> droppedUrls, Pruning pruning) {
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            if (element instanceof ArrayNode nested) {
                pruneArray(nested, droppedUrls, pruning);
            } else if (element.isContainerNode() && pruneObject(element, droppedUrls, pruning)) {
                array.remove(i);
                pruning.removed++;
            }
        }
    }
}
