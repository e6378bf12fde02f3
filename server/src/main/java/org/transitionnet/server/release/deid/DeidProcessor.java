package org.transitionnet.server.release.deid;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;

/**
 * What one de-identification method does to an element a rule selected. The engine walks each resource, asks the
 * processor of the selecting rule's method, and applies its safe defaults wherever the processor leaves the element
 * to them; a new method is one more implementation (its class plus one registration in {@link DeidProcessors}).
 */
public interface DeidProcessor {

    /** How the engine goes on with an element after its processor. */
    enum Next {
        /** The element is final: nothing below it is visited. */
        DONE,
        /** The safe defaults apply to the element and below it (dates shifted, free text removed, references rewritten). */
        DEFAULTS,
        /** The safe defaults apply, except that free text below the element is kept. */
        DEFAULTS_KEEPING_TEXT
    }

    /** The method this processor implements. */
    DeidMethod method();

    /** Applies the method to one element the rule selected (the element is part of a copy and may be changed). */
    Next process(Base element, DeidRule rule);

    /**
     * A chance to replace the element in its parent before it is visited, for a value of another type. The default
     * replaces nothing.
     *
     * @return whether the element was replaced (then it is not visited)
     */
    default boolean replaceInParent(Base parent, Property property, Base element, DeidRule rule) {
        return false;
    }
}
