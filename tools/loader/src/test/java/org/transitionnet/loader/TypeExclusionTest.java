package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeExclusionTest {

    @Test
    void dropsExcludedTypesAndTheProvenanceTargetsPointingAtThem() {
        ObjectNode bundle = TestBundles.synthea();

        TypeExclusion.Outcome outcome = new TypeExclusion(LoaderOptions.DEFAULT_EXCLUDED_TYPES).apply(bundle);

        assertEquals(List.of("Patient", "Encounter", "Observation", "Provenance"), types(bundle));
        assertEquals(Map.of("Claim", 1, "ExplanationOfBenefit", 1), outcome.droppedEntries());
        assertEquals(2, outcome.removedReferences());
        assertEquals(List.of(TestBundles.PATIENT, TestBundles.OBSERVATION), references(provenance(bundle)));
    }

    @Test
    void dropsAnEntryWhoseSingleReferenceWouldDangle() {
        ObjectNode bundle = TestBundles.synthea();

        TypeExclusion.Outcome outcome = new TypeExclusion(Set.of("Claim")).apply(bundle);

        // ExplanationOfBenefit.claim is single-valued, so the EOB goes with its claim.
        assertEquals(List.of("Patient", "Encounter", "Observation", "Provenance"), types(bundle));
        assertEquals(Map.of("Claim", 1, "ExplanationOfBenefit", 1), outcome.droppedEntries());
        assertEquals(List.of(TestBundles.PATIENT, TestBundles.OBSERVATION), references(provenance(bundle)));
    }

    @Test
    void cascadesThroughChainsOfReferences() {
        ObjectNode bundle = TestBundles.synthea();

        TypeExclusion.Outcome outcome = new TypeExclusion(Set.of("Encounter")).apply(bundle);

        // Observation.encounter dangles -> Observation dropped; Claim keeps living, its item loses the encounter.
        assertEquals(List.of("Patient", "Claim", "ExplanationOfBenefit", "Provenance"), types(bundle));
        assertEquals(Map.of("Encounter", 1, "Observation", 1), outcome.droppedEntries());
        JsonNode claim = bundle.path("entry").get(1).path("resource");
        assertFalse(claim.path("item").get(0).has("encounter"), "emptied arrays are removed");
        assertEquals(
                "#coverage",
                claim.path("insurance")
                        .get(0)
                        .path("coverage")
                        .path("reference")
                        .asText());
    }

    @Test
    void leavesConditionalAndContainedReferencesAlone() {
        ObjectNode bundle = TestBundles.synthea();

        new TypeExclusion(Set.of("Observation")).apply(bundle);

        JsonNode encounter = bundle.path("entry").get(1).path("resource");
        assertTrue(encounter.path("serviceProvider").path("reference").asText().startsWith("Organization?identifier="));
    }

    @Test
    void recognisesRelativeReferencesToDroppedEntries() throws Exception {
        ObjectNode bundle = (ObjectNode) TestBundles.MAPPER.readTree("""
        {"resourceType": "Bundle", "entry": [
          {"fullUrl": "urn:uuid:m1", "resource": {"resourceType": "Media", "id": "m1"}},
          {"fullUrl": "urn:uuid:d1", "resource": {"resourceType": "DiagnosticReport", "id": "d1",
            "media": [{"link": {"reference": "Media/m1"}}]}}
        ]}""");

        TypeExclusion.Outcome outcome = new TypeExclusion(Set.of("Media")).apply(bundle);

        assertEquals(List.of("DiagnosticReport"), types(bundle));
        assertEquals(1, outcome.removedReferences());
        assertFalse(bundle.path("entry").get(0).path("resource").has("media"));
    }

    @Test
    void emptyExclusionChangesNothing() {
        ObjectNode bundle = TestBundles.synthea();
        ObjectNode before = bundle.deepCopy();

        TypeExclusion.Outcome outcome = new TypeExclusion(Set.of()).apply(bundle);

        assertEquals(before, bundle);
        assertEquals(0, outcome.droppedEntryCount());
    }

    static List<String> types(ObjectNode bundle) {
        List<String> types = new ArrayList<>();
        bundle.path("entry")
                .forEach(e -> types.add(e.path("resource").path("resourceType").asText()));
        return types;
    }

    private static JsonNode provenance(ObjectNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource").path("resourceType").asText().equals("Provenance")) {
                return entry.path("resource");
            }
        }
        throw new AssertionError("no Provenance");
    }

    private static List<String> references(JsonNode provenance) {
        List<String> refs = new ArrayList<>();
        provenance.path("target").forEach(t -> refs.add(t.path("reference").asText()));
        return refs;
    }
}
