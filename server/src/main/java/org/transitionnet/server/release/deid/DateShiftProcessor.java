package org.transitionnet.server.release.deid;

import org.hl7.fhir.r4.model.Base;

/**
 * {@code dateShift}: the engine's default for every date (shifted by the patient's keyed number of days, then
 * coarsened); below a complex element the other defaults apply as well. The rule documents the intent.
 */
public final class DateShiftProcessor implements DeidProcessor {

    @Override
    public DeidMethod method() {
        return DeidMethod.DATE_SHIFT;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        return Next.DEFAULTS;
    }
}
