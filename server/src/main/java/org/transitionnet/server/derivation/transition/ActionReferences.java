package org.transitionnet.server.derivation.transition;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.transitionnet.catalogue.ActionKind;

/**
 * Where a transition Observation references the actions of its episode: {@code basedOn} for the
 * request-like kinds (MedicationRequest, CarePlan), {@code partOf} for kinds {@code basedOn} cannot
 * hold in R4 (Procedure), as the action kind's {@code referenceElement} says. Writing and reading
 * go through here so that both agree.
 */
public final class ActionReferences {

    private ActionReferences() {}

    /** Adds one action source reference in the kind's element. */
    public static void add(Observation transition, ActionKind kind, String source) {
        if ("partOf".equals(kind.referenceElement())) {
            transition.addPartOf(new Reference(source));
        } else {
            transition.addBasedOn(new Reference(source));
        }
    }

    /** The action sources of a transition, in the order they were written. */
    public static List<String> of(Observation transition) {
        List<String> sources = new ArrayList<>();
        transition.getBasedOn().forEach(r -> sources.add(r.getReference()));
        transition.getPartOf().forEach(r -> sources.add(r.getReference()));
        return sources;
    }

    /** The episode's anchor (its first action source), or null. */
    public static String anchor(Observation transition) {
        List<String> sources = of(transition);
        return sources.isEmpty() ? null : sources.get(0);
    }
}
