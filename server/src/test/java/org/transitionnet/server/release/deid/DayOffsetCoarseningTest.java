package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Day offsets in windows placed per release. */
class DayOffsetCoarseningTest {

    @Test
    void releasesTheMiddleOfTheOffsetsWindow() {
        DayOffsetCoarsening c = new DayOffsetCoarsening(7, 0);
        // Windows [0, 6], [7, 13], ... released as 3, 10, ...
        assertThat(c.coarsen(8)).isEqualTo(10);
        assertThat(c.coarsen(13)).isEqualTo(10);
        assertThat(c.coarsen(14)).isEqualTo(17);
        assertThat(c.coarsen(-1)).isEqualTo(-4);
        assertThat(c.coarsen(-7)).isEqualTo(-4);
        assertThat(c.coarsen(-8)).isEqualTo(-11);
        DayOffsetCoarsening shifted = new DayOffsetCoarsening(7, 3);
        // Windows [-3, 3], [4, 10], ... released as 0, 7, ...
        assertThat(shifted.coarsen(4)).isEqualTo(7);
        assertThat(shifted.coarsen(10)).isEqualTo(7);
        assertThat(shifted.coarsen(-10)).isEqualTo(-7);
    }

    @Test
    void staysOnItsSideOfTheActionStart() {
        DayOffsetCoarsening c = new DayOffsetCoarsening(7, 0);
        // The window [0, 6] is released as 3: a baseline on the start day takes the middle of [-7, -1] instead ...
        assertThat(c.coarsen(0)).isEqualTo(-4);
        // ... and is released as the start itself only when that is its window's middle.
        assertThat(new DayOffsetCoarsening(7, 3).coarsen(0)).isZero();
        // With windows [-6, 0] (released as -3) a follow-up on day 1 is in [1, 7], released as 4.
        assertThat(new DayOffsetCoarsening(7, 6).coarsen(1)).isEqualTo(4);
        assertThat(new DayOffsetCoarsening(30, 29).coarsen(1)).isEqualTo(16);
        assertThat(new DayOffsetCoarsening(30, 0).coarsen(-1)).isEqualTo(-15);
        // [-20, 9] is released as -5: a follow-up on day 5 takes the next window's middle.
        assertThat(new DayOffsetCoarsening(30, 20).coarsen(5)).isEqualTo(25);
    }

    @Test
    void movesAnOffsetLessThanAWindowAndKeepsItsSide() {
        for (int phase = 0; phase < 14; phase++) {
            DayOffsetCoarsening c = new DayOffsetCoarsening(14, phase);
            for (long d = -400; d <= 400; d++) {
                long released = c.coarsen(d);
                assertThat(Math.abs(released - d)).isLessThan(14);
                assertThat(released > 0).isEqualTo(d > 0);
            }
        }
    }

    @Test
    void windowsArePlacedByTheReleaseKey() {
        Set<Integer> phases = new HashSet<>();
        for (long keyed = -50; keyed < 50; keyed++) {
            DayOffsetCoarsening c = DayOffsetCoarsening.of(7, keyed * 7919);
            assertThat(c.phase()).isBetween(0, 6);
            phases.add(c.phase());
        }
        assertThat(phases).hasSize(7);
        assertThat(DayOffsetCoarsening.of(1, 123)).isEqualTo(DayOffsetCoarsening.NONE);
        assertThat(DayOffsetCoarsening.NONE.coarsen(37)).isEqualTo(37);
    }

    @Test
    void durationsAreNeverNegative() {
        assertThat(new DayOffsetCoarsening(7, 0).coarsenDuration(0)).isEqualTo(3);
        assertThat(new DayOffsetCoarsening(7, 6).coarsenDuration(0)).isZero();
        assertThat(DayOffsetCoarsening.NONE.coarsenDuration(12)).isEqualTo(12);
        assertThat(new DayOffsetCoarsening(7, 0).coarsenDuration(30)).isEqualTo(31);
    }
}
