package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.transitionnet.server.release.policy.KAnonymity;

/**
 * Generalizes a de-identified TransitionBundle to a level of the {@link KAnonymity} ladder: the
 * Patient keeps only the fields {@link KAnonymity#releasedAt} allows at that level (level 1 drops the
 * birth year, level 2 everything but gender, ZIP3, state and country, level 4 the ZIP3). Level 0
 * returns the bundle unchanged.
 */
public final class BundleGeneralizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleGeneralizer() {}

    public static String generalize(String bundleJson, int level) {
        if (level <= 0) {
            return bundleJson;
        }
        JsonNode bundle;
        try {
            bundle = JSON.readTree(bundleJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged bundle is not JSON", e);
        }
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource") instanceof ObjectNode patient
                    && "Patient".equals(patient.path("resourceType").asText())) {
                generalizePatient(patient, level);
            }
        }
        return bundle.toString();
    }

    private static void generalizePatient(ObjectNode patient, int level) {
        List<String> names = new ArrayList<>();
        patient.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.equals("resourceType") || name.equals("id") || name.equals("meta")) {
                continue;
            }
            String path = name.startsWith("_") ? name.substring(1) : name;
            JsonNode value = patient.get(name);
            if (path.equals("address") && value instanceof com.fasterxml.jackson.databind.node.ArrayNode addresses) {
                for (int i = addresses.size() - 1; i >= 0; i--) {
                    if (addresses.get(i) instanceof ObjectNode a) {
                        List<String> parts = new ArrayList<>();
                        a.fieldNames().forEachRemaining(parts::add);
                        parts.stream()
                                .filter(p -> !KAnonymity.releasedAt(
                                        level, "address." + (p.startsWith("_") ? p.substring(1) : p)))
                                .forEach(a::remove);
                        if (a.isEmpty()) {
                            addresses.remove(i);
                        }
                    }
                }
                if (addresses.isEmpty()) {
                    patient.remove(name);
                }
                continue;
            }
            SortedSet<String> leaves = new TreeSet<>();
            collectPaths(path, value, leaves);
            if (leaves.stream().noneMatch(leaf -> KAnonymity.releasedAt(level, leaf))) {
                patient.remove(name);
            }
        }
    }

    private static void collectPaths(String path, JsonNode node, SortedSet<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> collectPaths(path + "." + f.getKey(), f.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(item -> collectPaths(path, item, into));
        } else {
            into.add(path);
        }
    }
}
