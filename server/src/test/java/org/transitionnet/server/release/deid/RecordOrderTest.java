package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A keyed permutation of staging ids per release. */
class RecordOrderTest {

    @Test
    void isAPermutationThatDiffersPerRelease() {
        // Keyed numbers are spread over the whole long range.
        RecordOrder a = RecordOrder.of(7_654_321_987L, 5);
        RecordOrder b = RecordOrder.of(-987654321L, 42);
        Set<Long> positions = new HashSet<>();
        LongStream.range(1, 10_000).forEach(id -> positions.add(a.position(id)));
        assertThat(positions).hasSize(9_999);
        List<Long> ids = LongStream.range(1, 200).boxed().toList();
        List<Long> inA =
                ids.stream().sorted(Comparator.comparingLong(a::position)).toList();
        List<Long> inB =
                ids.stream().sorted(Comparator.comparingLong(b::position)).toList();
        assertThat(inA).isNotEqualTo(ids).isNotEqualTo(inB);
    }

    @Test
    void theSqlComputesTheSamePositions() {
        RecordOrder o = RecordOrder.of(123456789L, 987654321L);
        assertThat(o.sql("l.id"))
                .isEqualTo("MOD(MOD(l.id, 2147483647) * " + o.multiplier() + " + " + o.addend() + ", 2147483647)");
        assertThat(o.multiplier()).isBetween(1L, RecordOrder.PRIME - 1);
        // No overflow for ids above the prime.
        assertThat(o.position(Long.MAX_VALUE)).isBetween(0L, RecordOrder.PRIME - 1);
    }
}
