package org.transitionnet.server.release.deid;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * Releases clinical times no finer than a configured precision. Time of day links records to their
 * source even when the date is shifted (the same code, value and time of day are rare), so by default
 * only the calendar date survives. The date is the one written in the source (its local date), shifted;
 * an {@code instant}, which FHIR requires to carry a time, becomes midnight UTC of that date.
 */
public final class TimeCoarsener {

    private final TemporalPrecisionEnum precision;

    public TimeCoarsener(TemporalPrecisionEnum precision) {
        this.precision = precision;
    }

    public TemporalPrecisionEnum precision() {
        return precision;
    }

    /** Coarsens in place; values already at or above the precision are left alone. */
    public void coarsen(BaseDateTimeType time) {
        if (time.getValue() == null || time.getPrecision().ordinal() <= precision.ordinal()) {
            return;
        }
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            String date = calendarPart(time.getValueAsString());
            if (time instanceof InstantType) {
                // an instant needs a full date: the first day of the month or year
                time.setValueAsString(date + "-01-01".substring(0, 10 - date.length()) + "T00:00:00Z");
            } else {
                time.setValueAsString(date);
            }
            return;
        }
        // Minute or second: drop what is finer (zone offsets are whole minutes, so epoch flooring is local flooring).
        long unit = precision == TemporalPrecisionEnum.MINUTE
                ? 60_000L
                : precision == TemporalPrecisionEnum.SECOND ? 1_000L : 1L;
        long millis = time.getValue().getTime();
        time.setValue(new java.util.Date(Math.floorDiv(millis, unit) * unit));
        if (time.getPrecision().ordinal() > TemporalPrecisionEnum.SECOND.ordinal()
                && precision != TemporalPrecisionEnum.MILLI) {
            time.setPrecision(TemporalPrecisionEnum.SECOND);
        }
    }

    /** The first 4, 7 or 10 characters (year, month, day) of the value as written, for the configured precision. */
    private String calendarPart(String value) {
        int length = switch (precision) {
            case YEAR -> 4;
            case MONTH -> 7;
            default -> 10;
        };
        return value.substring(0, Math.min(length, value.length()));
    }
}
