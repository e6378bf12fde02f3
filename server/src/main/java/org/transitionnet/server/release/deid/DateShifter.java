package org.transitionnet.server.release.deid;

import java.util.Calendar;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Shifts dates by a keyed number of days that is the same for every date of one patient (in every
 * resource and every export under the same key), so intervals within a patient's record survive
 * while calendar dates do not. Never zero.
 */
public final class DateShifter {

    private final Pseudonymizer keyed;
    private final int maxDays;

    public DateShifter(Pseudonymizer keyed, int maxDays) {
        if (maxDays < 1) {
            throw new IllegalArgumentException("maximum date shift must be at least one day");
        }
        this.keyed = keyed;
        this.maxDays = maxDays;
    }

    /** Days in [-maxDays, -1] ∪ [1, maxDays]. */
    public int shiftDays(String patientId) {
        long n = Math.floorMod(keyed.keyedLong("date-shift", "Patient/" + patientId), 2L * maxDays);
        int days = (int) (n - maxDays);
        return days >= 0 ? days + 1 : days;
    }

    /** Shifts in place, keeping precision and time zone. */
    public void shift(BaseDateTimeType date, int days) {
        if (date.getValue() != null) {
            date.add(Calendar.DATE, days);
        }
    }
}
