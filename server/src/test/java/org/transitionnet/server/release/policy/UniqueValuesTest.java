package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UniqueValuesTest {

    @Test
    void countsSubjectsHoldingAValueNoOtherSubjectHolds() {
        UniqueValues u = new UniqueValues();
        u.add("a", "hba1c", new BigDecimal("7.0"));
        u.add("a", "hba1c", new BigDecimal("7.00")); // the same value twice is still one holder
        u.add("b", "hba1c", new BigDecimal("7"));
        u.add("b", "ldl-cholesterol", new BigDecimal("130"));
        u.add("c", "hba1c", new BigDecimal("9.5"));
        u.add("d", "hba1c", null);
        assertThat(u.subjects()).isEqualTo(4);
        // b alone holds ldl 130, c alone holds hba1c 9.5; a shares its only value with b.
        assertThat(u.subjectsWithUniqueValue()).isEqualTo(2);
        assertThat(u.share()).isEqualTo(0.5);
        assertThat(new UniqueValues().share()).isZero();
    }
}
