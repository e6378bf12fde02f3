package org.transitionnet.server.release.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.transitionnet.server.ig.TransitionVocabulary;

/**
 * The adverse events a released TransitionBundle (as JSON) carries: the adverse-event extensions of its
 * transition Observations and, in its Provenance, the entities naming the same events (a source
 * Condition or AdverseEvent there tells that an event followed, even without its code). Removes those a
 * release withholds ({@link AdverseEventPolicy}) or, where l-diversity suppresses the outcome, all of them.
 */
public final class BundleAdverseEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleAdverseEvents() {}

    /** The bundle without the adverse events the policy withholds. */
    public static String withholding(String bundleJson, AdverseEventPolicy policy) {
        return remove(bundleJson, extension -> !policy.releases(eventClass(extension)));
    }

    /** The bundle without any adverse event: the outcome field suppressed. */
    public static String withoutAdverseEvents(String bundleJson) {
        return remove(bundleJson, extension -> true);
    }

    /** Whether the bundle releases an adverse event. */
    public static boolean hasAdverseEvent(String bundleJson) {
        return bundleJson.contains(TransitionVocabulary.EXT_ADVERSE_EVENT);
    }

    private static String remove(String bundleJson, Predicate<JsonNode> withheld) {
        if (!hasAdverseEvent(bundleJson)) {
            return bundleJson;
        }
        ObjectNode bundle = parse(bundleJson);
        Set<String> removedEvents = new HashSet<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (!"Observation".equals(resource.path("resourceType").asText()) || !resource.has("extension")) {
                continue;
            }
            for (Iterator<JsonNode> it = resource.get("extension").iterator(); it.hasNext(); ) {
                JsonNode extension = it.next();
                if (TransitionVocabulary.EXT_ADVERSE_EVENT.equals(
                                extension.path("url").asText())
                        && withheld.test(extension)) {
                    removedEvents.add(eventReference(extension));
                    it.remove();
                }
            }
            if (resource.get("extension").isEmpty()) {
                ((ObjectNode) resource).remove("extension");
            }
        }
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("Provenance".equals(resource.path("resourceType").asText()) && resource.has("entity")) {
                ArrayNode entities = (ArrayNode) resource.get("entity");
                for (Iterator<JsonNode> it = entities.iterator(); it.hasNext(); ) {
                    String what = it.next().path("what").path("reference").asText(null);
                    if (what != null && removedEvents.contains(what)) {
                        it.remove();
                    }
                }
            }
        }
        return bundle.toString();
    }

    private static String eventReference(JsonNode extension) {
        for (JsonNode part : extension.path("extension")) {
            if ("event".equals(part.path("url").asText())) {
                return part.path("valueReference").path("reference").asText(null);
            }
        }
        return null;
    }

    private static CodeableConcept eventClass(JsonNode extension) {
        CodeableConcept concept = new CodeableConcept();
        for (JsonNode part : extension.path("extension")) {
            if ("eventClass".equals(part.path("url").asText())) {
                for (JsonNode coding : part.path("valueCodeableConcept").path("coding")) {
                    concept.addCoding(new Coding(
                            coding.path("system").asText(null),
                            coding.path("code").asText(null),
                            null));
                }
            }
        }
        return concept;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bundle is not JSON", e);
        }
    }
}
