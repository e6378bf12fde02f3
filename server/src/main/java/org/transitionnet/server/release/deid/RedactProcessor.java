package org.transitionnet.server.release.deid;

import org.hl7.fhir.r4.model.Base;

/** {@code redact}: the element goes with everything below it. */
public final class RedactProcessor implements DeidProcessor {

    @Override
    public DeidMethod method() {
        return DeidMethod.REDACT;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        Elements.clear(element);
        return Next.DONE;
    }
}
