package org.transitionnet.server.release.deid;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.PrimitiveType;

/** {@code substitute}: a primitive takes the rule's fixed {@code value}; anything else is removed. */
public final class SubstituteProcessor implements DeidProcessor {

    @Override
    public DeidMethod method() {
        return DeidMethod.SUBSTITUTE;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        if (element instanceof PrimitiveType<?> p) {
            p.setValueAsString(rule.param("value"));
            Elements.clearExtensions(p);
        } else {
            Elements.clear(element);
        }
        return Next.DONE;
    }
}
