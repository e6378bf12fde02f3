package org.transitionnet.server.record.patient;

import java.time.Instant;
import java.util.List;
import org.transitionnet.catalogue.ActionClass;

/**
 * One continuous intervention of one action class: consecutive or overlapping actions of the class
 * (MedicationRequests, CarePlans, Procedures ...) merged.
 *
 * @param anchor  the source resource that started the episode; with the class it identifies the episode
 * @param sources every source resource the episode was built from, oldest first
 * @param end     the recorded end; null while ongoing or when the source does not record it
 */
public record ActionEpisode(
        ActionClass actionClass,
        Instant start,
        Instant end,
        Status status,
        String anchor,
        List<String> sources,
        Dosage dosage) {

    public enum Status {
        ACTIVE,
        COMPLETED,
        STOPPED,
        ON_HOLD;

        /** The status an action kind maps a resource status to: {@code active}, {@code on-hold}, {@code completed}, {@code stopped}. */
        public static Status fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** Dose, frequency and route as the anchor prescription states them; each may be null. */
    public record Dosage(String dose, String frequency, String route) {
        public static final Dosage NONE = new Dosage(null, null, null);
    }

    /**
     * The end to assume: the recorded one; none (ongoing) while active or on hold; otherwise, stopped
     * or completed without a recorded end, the start, so it never counts as ongoing.
     */
    public Instant assumedEnd() {
        if (end != null) {
            return end;
        }
        return status == Status.ACTIVE || status == Status.ON_HOLD ? null : start;
    }

    /** Whether the episode is in effect at some point of [from, to]. */
    public boolean overlaps(Instant from, Instant to) {
        Instant assumedEnd = assumedEnd();
        return !start.isAfter(to) && (assumedEnd == null || !assumedEnd.isBefore(from));
    }
}
