package org.transitionnet.server.release.deid;

import java.util.List;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;

/** Emptying elements, which several methods and the engine's defaults do: empty elements are not serialized. */
public final class Elements {

    private Elements() {}

    /** Empties an element and everything below it. */
    public static void clear(Base b) {
        if (b instanceof PrimitiveType<?> p) {
            p.setValue(null);
            clearExtensions(p);
            return;
        }
        if (b instanceof Element e) {
            e.setId(null);
            e.getExtension().clear();
        }
        if (b instanceof BackboneElement be) {
            be.getModifierExtension().clear();
        }
        if (b instanceof DomainResource d) {
            d.getExtension().clear();
            d.getModifierExtension().clear();
            d.getContained().clear();
            d.setText(null);
        }
        if (b instanceof Narrative n) {
            n.setDiv(null);
        }
        for (Property property : b.children()) {
            for (Base value : List.copyOf(property.getValues())) {
                if (value != null) {
                    clear(value);
                }
            }
        }
    }

    /** Removes a primitive's id and extensions, which could carry what its new value replaced. */
    public static void clearExtensions(PrimitiveType<?> p) {
        p.setId(null);
        p.getExtension().clear();
    }
}
