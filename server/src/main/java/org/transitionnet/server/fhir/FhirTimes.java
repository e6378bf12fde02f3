package org.transitionnet.server.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.DateTimeType;

/** Instants as FHIR dateTimes the way every derived view writes them: to the second, in UTC. */
public final class FhirTimes {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private FhirTimes() {}

    public static DateTimeType dateTime(Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, UTC);
    }
}
