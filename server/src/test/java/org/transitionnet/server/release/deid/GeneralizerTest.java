package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneralizerTest {

    @Test
    void ageBandsCollapseNinetyAndOlder() {
        assertThat(Generalizer.ageBand(0)).isEqualTo("0-9");
        assertThat(Generalizer.ageBand(57)).isEqualTo("50-59");
        assertThat(Generalizer.ageBand(89)).isEqualTo("80-89");
        assertThat(Generalizer.ageBand(90)).isEqualTo("90+");
        assertThat(Generalizer.ageBand(104)).isEqualTo("90+");
        assertThat(Generalizer.ageBand(85, 20)).isEqualTo("80-89");
        assertThat(Generalizer.ageBand(65, 20)).isEqualTo("60-79");
    }

    @Test
    void zip3KeepsThreeDigitsAndZeroesRestrictedPrefixes() {
        Generalizer g = new Generalizer(Set.of("036", "893"));
        assertThat(g.zip3("02134")).isEqualTo("021");
        assertThat(g.zip3("03601")).isEqualTo("000");
        assertThat(g.zip3("89301-1234")).isEqualTo("000");
        assertThat(g.zip3("ab")).isEqualTo("000");
    }

    @Test
    void keysFromConfigurationOnly() {
        assertThatThrownBy(() -> DeidKey.of(null)).isInstanceOf(DeidKeyException.class);
        assertThatThrownBy(() -> DeidKey.of(" ")).isInstanceOf(DeidKeyException.class);
        assertThatThrownBy(() -> DeidKey.of(DeidKey.BUILT_IN_DEFAULT)).isInstanceOf(DeidKeyException.class);
        assertThatThrownBy(() -> DeidKey.of("short")).isInstanceOf(DeidKeyException.class);
        assertThat(DeidKey.of(DeidTestKeys.KEY_A).toString()).doesNotContain(DeidTestKeys.KEY_A);
    }

    @Test
    void shiftIsNeverZeroAndWithinBounds() {
        DateShifter shifter = new DateShifter(new Pseudonymizer(DeidKey.of(DeidTestKeys.KEY_A)), 3);
        for (int i = 0; i < 200; i++) {
            int s = shifter.shiftDays("p" + i);
            assertThat(s).isBetween(-3, 3).isNotZero();
        }
    }
}
