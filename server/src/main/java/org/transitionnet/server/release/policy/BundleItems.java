package org.transitionnet.server.release.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.ig.TransitionVocabulary;

/**
 * The set-valued items ({@link SetValuedAnonymity}) a released TransitionBundle (as JSON) carries, and the bundle as a
 * plan releases it. Required: the action classes and state variables of its transitions; optional: their
 * co-interventions, which a bundle names by class only (the co-intervention's own resource is not in the bundle), so a
 * co-intervention is released as the ancestor the plan releases or its extension leaves the bundle. The transitions'
 * own action is in the bundle with its drug-level code and dosage, so a bundle whose action class the plan generalizes
 * or suppresses is not released.
 */
public final class BundleItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleItems() {}

    public static SetValuedAnonymity.Line of(String bundleJson) {
        return of(bundleJson, parse(bundleJson));
    }

    private static SetValuedAnonymity.Line of(String bundleJson, JsonNode bundle) {
        Set<String> required = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        for (JsonNode observation : transitions(bundle)) {
            for (JsonNode extension : observation.path("extension")) {
                String url = extension.path("url").asText();
                if (TransitionVocabulary.EXT_ACTION_CLASS.equals(url)) {
                    required.add(SetValuedPolicy.action(
                            extension.path("valueCoding").path("code").asText()));
                } else if (TransitionVocabulary.EXT_CO_INTERVENTION.equals(url)) {
                    JsonNode coding = actionClassOf(extension);
                    if (coding != null) {
                        optional.add(SetValuedPolicy.action(coding.path("code").asText()));
                    }
                }
            }
            for (JsonNode coding : observation.path("code").path("coding")) {
                if (TransitionVocabulary.CS_STATE_VARIABLE.equals(
                        coding.path("system").asText())) {
                    required.add(SetValuedPolicy.variable(coding.path("code").asText()));
                }
            }
        }
        return new SetValuedAnonymity.Line(SetValuedAnonymity.Line.keyOf(bundleJson), required, optional, false);
    }

    /**
     * The bundle as the plan releases it for the subject, or null when it is not released (a required item generalized
     * or suppressed).
     */
    public static String released(
            String bundleJson, String subject, SetValuedAnonymity.Plan plan, MappingCatalogue catalog) {
        JsonNode bundle = parse(bundleJson);
        if (!releasable(subject, of(bundleJson, bundle), plan)) {
            return null;
        }
        boolean changed = false;
        for (JsonNode observation : transitions(bundle)) {
            for (Iterator<JsonNode> it = observation.path("extension").elements(); it.hasNext(); ) {
                JsonNode extension = it.next();
                if (!TransitionVocabulary.EXT_CO_INTERVENTION.equals(
                        extension.path("url").asText())) {
                    continue;
                }
                ObjectNode coding = actionClassOf(extension);
                if (coding == null) {
                    continue;
                }
                String item = SetValuedPolicy.action(coding.path("code").asText());
                String out = plan.released(item);
                if (!plan.optionalReleased(subject, item)) {
                    it.remove();
                    changed = true;
                } else if (!out.equals(item)) {
                    String classId = SetValuedPolicy.actionClass(out);
                    coding.put("code", classId);
                    catalog.actionClass(classId).ifPresent(c -> coding.put("display", c.display()));
                    changed = true;
                }
            }
        }
        return changed ? bundle.toString() : bundleJson;
    }

    /** Whether a bundle with these items is released: none of its required items generalized or suppressed, and it is not left out to even a count. */
    public static boolean releasable(String subject, SetValuedAnonymity.Line line, SetValuedAnonymity.Plan plan) {
        return plan.released(subject, line.asIs());
    }

    private static ObjectNode actionClassOf(JsonNode coIntervention) {
        for (JsonNode part : coIntervention.path("extension")) {
            if ("actionClass".equals(part.path("url").asText())
                    && part.path("valueCoding").isObject()) {
                return (ObjectNode) part.path("valueCoding");
            }
        }
        return null;
    }

    /** The bundle's transition Observations. */
    private static Iterable<JsonNode> transitions(JsonNode bundle) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("Observation".equals(resource.path("resourceType").asText())
                    && resource.path("meta")
                            .path("profile")
                            .toString()
                            .contains(TransitionVocabulary.TRANSITION_OBSERVATION_PROFILE)) {
                out.add(resource);
            }
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged bundle is not JSON", e);
        }
    }
}
