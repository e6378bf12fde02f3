package org.transitionnet.server.release.deid;

import org.hl7.fhir.r4.model.Base;

/** {@code keep}: free text below the element stays; dates below it are still shifted and references still rewritten. */
public final class KeepProcessor implements DeidProcessor {

    @Override
    public DeidMethod method() {
        return DeidMethod.KEEP;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        return Next.DEFAULTS_KEEPING_TEXT;
    }
}
