package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Parts of an oversized bundle behave as the server requires: none above the limit, every entry sent once, and
 * each reference resolvable when its part arrives — to an entry of the same part by its full URL, or to a
 * resource an earlier part created, by {@code Type/id}.
 */
class BundleSplitterTest {

    @Test
    void aBundleWithinTheLimitsIsSentWhole() {
        ObjectNode bundle = prepared();

        assertSame(
                bundle,
                new BundleSplitter(100, 1 << 20, TestBundles.MAPPER)
                        .split(bundle)
                        .get(0));
    }

    @Test
    void anOversizedBundleIsSentInPartsThatEachResolve() {
        ObjectNode bundle = prepared();

        List<ObjectNode> parts = new BundleSplitter(2, 1 << 20, TestBundles.MAPPER).split(bundle);

        assertEquals(3, parts.size());
        assertEachPartResolves(parts, 2);
        assertEquals(6, parts.stream().mapToInt(p -> p.path("entry").size()).sum());
    }

    @Test
    void referencesToConditionallyWrittenResourcesStayAsTheyAre() {
        List<ObjectNode> parts = new BundleSplitter(1, 1 << 20, TestBundles.MAPPER).split(prepared());

        assertTrue(parts.toString().contains("Organization?identifier=https://github.com/synthetichealth/synthea|x"));
    }

    @Test
    void aBundleAboveTheByteLimitIsSplitToo() {
        ObjectNode bundle = prepared();
        long largestEntry = 0;
        for (JsonNode entry : bundle.path("entry")) {
            largestEntry = Math.max(largestEntry, entry.toString().length() + 1L);
        }

        List<ObjectNode> parts = new BundleSplitter(100, largestEntry * 2, TestBundles.MAPPER).split(bundle);

        assertTrue(parts.size() > 1);
        assertEachPartResolves(parts, 100);
    }

    @Test
    void entriesWithoutAnIdToNameAreNotSplit() {
        ObjectNode posted = TestBundles.synthea();

        List<ObjectNode> parts = new BundleSplitter(2, 1 << 20, TestBundles.MAPPER).split(posted);

        assertEquals(List.of(posted), parts);
    }

    @Test
    void dependencyOrderPutsAReferencedEntryFirstEvenWhenTheGeneratorDidNot() {
        ObjectNode bundle = prepared();
        // The provenance (which references four entries) first, the patient last.
        List<JsonNode> entries = new ArrayList<>();
        bundle.path("entry").forEach(entries::add);
        java.util.Collections.reverse(entries);
        bundle.putArray("entry").addAll(entries);

        assertEachPartResolves(new BundleSplitter(1, 1 << 20, TestBundles.MAPPER).split(bundle), 1);
    }

    private static ObjectNode prepared() {
        ObjectNode bundle = TestBundles.synthea();
        new IdempotentRequests().apply(bundle);
        return bundle;
    }

    /** What the server checks: the entry limit, and that every reference resolves when its part is processed. */
    private static void assertEachPartResolves(List<ObjectNode> parts, int maxEntries) {
        Set<String> created = new HashSet<>();
        for (ObjectNode part : parts) {
            assertTrue(part.path("entry").size() <= maxEntries, "part above the limit: " + part);
            Set<String> local = new HashSet<>();
            part.path("entry").forEach(e -> local.add(e.path("fullUrl").asText()));
            for (JsonNode entry : part.path("entry")) {
                for (String reference : references(entry.path("resource"), new ArrayList<>())) {
                    boolean resolves = local.contains(reference)
                            || created.contains(reference)
                            || reference.startsWith("#")
                            || reference.contains("?");
                    assertTrue(resolves, "unresolvable reference " + reference + " in " + part);
                }
            }
            part.path("entry")
                    .forEach(e -> created.add(e.path("request").path("url").asText()));
        }
    }

    private static List<String> references(JsonNode node, List<String> out) {
        if (node.isObject()) {
            if (node.path("reference").isTextual()) {
                out.add(node.path("reference").asText());
            }
            node.elements().forEachRemaining(child -> references(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, out));
        }
        return out;
    }
}
