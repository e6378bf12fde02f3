package org.transitionnet.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns transaction bundles whose entries reference each other by {@code urn:uuid} into NDJSON for
 * {@code $import}: each resource keeps its uuid as id, references become {@code Type/uuid}, and resources go
 * into waves (a resource's wave is one more than the highest wave it references), each wave one import
 * job with one file per type, so nothing is written before what it references even though HAPI's import
 * writes chunks in parallel. The test's copy of what {@code tools/load.sh --ndjson} does.
 */
public final class NdjsonWaves {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NdjsonWaves() {}

    /** Wave → resource type → NDJSON text. */
    public static Map<Integer, Map<String, String>> of(List<String> bundles) {
        Map<String, String> addresses = new HashMap<>();
        List<ObjectNode> resources = new ArrayList<>();
        try {
            for (String json : bundles) {
                for (JsonNode entry : MAPPER.readTree(json).path("entry")) {
                    ObjectNode resource = (ObjectNode) entry.get("resource");
                    String fullUrl = entry.path("fullUrl").asText();
                    String id = fullUrl.startsWith("urn:uuid:")
                            ? fullUrl.substring("urn:uuid:".length())
                            : resource.path("id").asText();
                    resource.put("id", id);
                    addresses.put(fullUrl, resource.path("resourceType").asText() + "/" + id);
                    resources.add(resource);
                }
            }
            Map<String, Set<String>> references = new HashMap<>();
            for (ObjectNode resource : resources) {
                Set<String> targets = new HashSet<>();
                rewrite(resource, addresses, targets);
                references.put(key(resource), targets);
            }
            Map<String, Integer> waves = new HashMap<>();
            Map<Integer, Map<String, StringBuilder>> out = new TreeMap<>();
            for (ObjectNode resource : resources) {
                int wave = wave(key(resource), references, waves, new HashSet<>());
                out.computeIfAbsent(wave, w -> new TreeMap<>())
                        .computeIfAbsent(resource.path("resourceType").asText(), t -> new StringBuilder())
                        .append(MAPPER.writeValueAsString(resource))
                        .append('\n');
            }
            Map<Integer, Map<String, String>> result = new TreeMap<>();
            out.forEach((wave, files) -> {
                Map<String, String> texts = new TreeMap<>();
                files.forEach((type, text) -> texts.put(type, text.toString()));
                result.put(wave, texts);
            });
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(JsonNode resource) {
        return resource.path("resourceType").asText() + "/"
                + resource.path("id").asText();
    }

    private static void rewrite(JsonNode node, Map<String, String> addresses, Set<String> targets) {
        if (node instanceof ObjectNode object
                && object.get("reference") != null
                && object.get("reference").isTextual()) {
            String target = addresses.get(object.get("reference").asText());
            if (target != null) {
                object.put("reference", target);
                targets.add(target);
            }
        }
        node.forEach(child -> rewrite(child, addresses, targets));
    }

    private static int wave(
            String key, Map<String, Set<String>> references, Map<String, Integer> waves, Set<String> path) {
        Integer known = waves.get(key);
        if (known != null) {
            return known;
        }
        if (!path.add(key)) {
            throw new IllegalStateException("reference cycle through " + key);
        }
        int wave = 0;
        for (String target : references.getOrDefault(key, Set.of())) {
            if (!target.equals(key) && references.containsKey(target)) {
                wave = Math.max(wave, wave(target, references, waves, path) + 1);
            }
        }
        path.remove(key);
        waves.put(key, wave);
        return wave;
    }
}
