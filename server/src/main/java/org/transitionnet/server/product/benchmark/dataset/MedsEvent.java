package org.transitionnet.server.product.benchmark.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * One row of MEDS {@code data/}: a subject, a time (null for static codes), a code and an optional
 * numeric value. Rows sort the MEDS way: by subject, static rows first, then by time; code and value
 * only make the order total, so the same content always gives the same files.
 */
record MedsEvent(long subjectId, Instant time, String code, BigDecimal value) {

    static final String STATE = "STATE//";
    static final String ACTION = "ACTION//";
    static final String SEX = "SEX//";
    static final String AGE_BAND = "AGE_BAND//";

    static final Comparator<MedsEvent> ORDER = Comparator.comparingLong(MedsEvent::subjectId)
            .thenComparing(MedsEvent::time, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(MedsEvent::code)
            .thenComparing(MedsEvent::value, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The same measurement from two records (or tasks) is one event: values compare by number, not scale. */
    MedsEvent {
        value = value == null ? null : value.stripTrailingZeros();
    }
}
