package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.release.policy.SetValuedAnonymity;
import org.transitionnet.server.release.policy.SetValuedPolicy;

/**
 * A research record's set-valued items ({@link SetValuedAnonymity}) and the record as a plan releases them: action
 * classes replaced by the ancestor the plan releases (a record whose class was generalized loses what names the
 * drug: its codes, dose, frequency and route), co-interventions generalized the same way or dropped where suppressed.
 */
final class ResearchRecordItems {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResearchRecordItems() {}

    /**
     * Required: the action classes and the state variable; optional: the co-interventions.
     *
     * @param staged the record as staged (its key)
     */
    static SetValuedAnonymity.Line of(String staged, JsonNode record) {
        Set<String> required = new LinkedHashSet<>();
        record.path("action")
                .path("class")
                .forEach(c -> required.add(SetValuedPolicy.action(c.path("code").asText())));
        required.add(SetValuedPolicy.variable(ResearchRecordRelease.variable(record)));
        Set<String> optional = new LinkedHashSet<>();
        record.path("coInterventionClass")
                .forEach(c -> optional.add(SetValuedPolicy.action(c.path("code").asText())));
        return new SetValuedAnonymity.Line(SetValuedAnonymity.Line.keyOf(staged), required, optional);
    }

    /** Rewrites a released record's classes as the plan releases them; true when anything changed. */
    static boolean apply(ObjectNode record, String subject, SetValuedAnonymity.Plan plan, MappingCatalogue catalog) {
        boolean changed = false;
        JsonNode action = record.path("action");
        if (action.path("class").isArray()) {
            ArrayNode released = NODES.arrayNode();
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode c : action.path("class")) {
                String item = SetValuedPolicy.action(c.path("code").asText());
                String out = plan.released(item);
                changed |= !out.equals(item);
                if (seen.add(out)) {
                    released.add(coding(SetValuedPolicy.actionClass(out), catalog));
                }
            }
            if (changed) {
                ((ObjectNode) action).set("class", released);
                ((ObjectNode) action).remove(List.of("code", "dose", "frequency", "route"));
            }
        }
        if (record.path("coInterventionClass").isArray()) {
            ArrayNode co = NODES.arrayNode();
            Set<String> seen = new LinkedHashSet<>();
            boolean coChanged = false;
            for (JsonNode c : record.path("coInterventionClass")) {
                String item = SetValuedPolicy.action(c.path("code").asText());
                if (!plan.optionalReleased(subject, item)) {
                    coChanged = true;
                    continue;
                }
                String out = plan.released(item);
                coChanged |= !out.equals(item);
                if (seen.add(out)) {
                    co.add(coding(SetValuedPolicy.actionClass(out), catalog));
                }
            }
            if (coChanged) {
                record.set("coInterventionClass", co);
                changed = true;
            }
        }
        return changed;
    }

    private static ObjectNode coding(String classId, MappingCatalogue catalog) {
        ObjectNode c = NODES.objectNode();
        c.put("system", TransitionVocabulary.CS_ACTION_CLASS);
        c.put("code", classId);
        catalog.actionClass(classId).ifPresent(a -> c.put("display", a.display()));
        return c;
    }
}
