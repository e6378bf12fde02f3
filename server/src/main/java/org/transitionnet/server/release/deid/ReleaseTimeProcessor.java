package org.transitionnet.server.release.deid;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * {@code releaseTime}: a time the server wrote itself becomes the export's release time, the same for every
 * subject, so that no released time is a server time plus the patient's shift; anything else is removed.
 */
public final class ReleaseTimeProcessor implements DeidProcessor {

    private final Instant releaseTime;

    public ReleaseTimeProcessor(Instant releaseTime) {
        this.releaseTime = Objects.requireNonNull(releaseTime, "releaseTime");
    }

    /** The release time as a FHIR instant to the second, in UTC. */
    public static InstantType instant(Instant releaseTime) {
        InstantType t =
                new InstantType(Date.from(releaseTime), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC"));
        t.setTimeZoneZulu(true);
        return t;
    }

    @Override
    public DeidMethod method() {
        return DeidMethod.RELEASE_TIME;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        if (element instanceof BaseDateTimeType date && date.getValue() != null) {
            date.setValueAsString(instant(releaseTime).getValueAsString());
            Elements.clearExtensions(date);
        } else {
            Elements.clear(element);
        }
        return Next.DONE;
    }
}
