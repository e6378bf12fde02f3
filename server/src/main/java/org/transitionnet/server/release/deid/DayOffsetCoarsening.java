package org.transitionnet.server.release.deid;

/**
 * Day offsets as one release shows them: cut into windows of {@code days} days whose boundaries are placed by a
 * keyed number (of the release and the record), and released as the window's middle. Exact offsets (and the intervals
 * between them) are, as a set, unique to a subject and link two releases of the same population; windows placed
 * differently in every release and record make an exact match between two releases a coincidence (one in
 * {@code days} per record). A baseline offset stays at or before the action start and a follow-up offset after it:
 * when the window's middle lies on the other side, the middle of the neighbouring window on the offset's side is
 * released (so an offset moves by less than a window, never to exactly the start more often than chance).
 *
 * @param days  the window length; 1 or less releases offsets unchanged
 * @param phase where this release's windows begin, in [0, days)
 */
public record DayOffsetCoarsening(int days, int phase) {

    /** Offsets released unchanged. */
    public static final DayOffsetCoarsening NONE = new DayOffsetCoarsening(1, 0);

    /** Windows of the length, placed by a keyed number of the release and record (uniform over the window length). */
    public static DayOffsetCoarsening of(int days, long keyedNumber) {
        if (days <= 1) {
            return NONE;
        }
        return new DayOffsetCoarsening(days, (int) Math.floorMod(keyedNumber, (long) days));
    }

    /** The offset as released: the middle of its window, on the same side of the action start. */
    public long coarsen(long offset) {
        if (days <= 1) {
            return offset;
        }
        long window = Math.floorDiv(offset + phase, days);
        long middle = window * days - phase + days / 2;
        if (offset <= 0 && middle > 0) {
            return middle - days;
        }
        if (offset > 0 && middle < 1) {
            return middle + days;
        }
        return middle;
    }

    /** A duration in days (not anchored at the action start) as released: the middle of its window, at least 0. */
    public long coarsenDuration(long duration) {
        if (days <= 1) {
            return duration;
        }
        return Math.max(0, Math.floorDiv(duration + phase, days) * days - phase + days / 2);
    }
}
