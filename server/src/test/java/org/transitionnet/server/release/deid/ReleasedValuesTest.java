package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.transitionnet.catalogue.CatalogueLoader;
import org.transitionnet.catalogue.MappingCatalogue;

/** Rounding to the catalogue's release precision and top/bottom-coding at percentiles of the release. */
class ReleasedValuesTest {

    private static final MappingCatalogue CATALOG = new CatalogueLoader().loadPackaged();

    @Test
    void roundsToTheVariablesReleasePrecision() {
        ReleasedValues values = ReleasedValues.roundingOnly(CATALOG);
        // hba1c: 0.5 %, systolic-bp: 5 mm[Hg], creatinine: 0.1 mg/dL (mappings/state-variables.yaml)
        assertThat(values.release("hba1c", new BigDecimal("7.24"))).isEqualByComparingTo("7.0");
        assertThat(values.release("hba1c", new BigDecimal("7.25"))).isEqualByComparingTo("7.5");
        assertThat(values.release("systolic-bp", new BigDecimal("132"))).isEqualByComparingTo("130");
        assertThat(values.release("systolic-bp", new BigDecimal("132.5"))).isEqualByComparingTo("135");
        assertThat(values.release("creatinine", new BigDecimal("0.87"))).isEqualByComparingTo("0.9");
        assertThat(values.release("hba1c", null)).isNull();
    }

    @Test
    void keepsValuesOfVariablesWithoutAReleasePrecision() {
        assertThat(ReleasedValues.roundingOnly(CATALOG).release("not-a-variable", new BigDecimal("1.234")))
                .isEqualByComparingTo("1.234");
    }

    @Test
    void topAndBottomCodesAtThePercentilesOfTheRelease() {
        ReleasedValues.Collector collector = ReleasedValues.collector(CATALOG);
        // 100 values 100..199 mm[Hg]: rounded to 5, the 5th percentile is 105, the 95th 195.
        for (int i = 100; i < 200; i++) {
            collector.add("systolic-bp", BigDecimal.valueOf(i));
        }
        ReleasedValues values = collector.build();
        assertThat(values.limits("systolic-bp").bottom()).isEqualByComparingTo("105");
        assertThat(values.limits("systolic-bp").top()).isEqualByComparingTo("195");
        assertThat(values.release("systolic-bp", new BigDecimal("101"))).isEqualByComparingTo("105");
        assertThat(values.release("systolic-bp", new BigDecimal("80"))).isEqualByComparingTo("105");
        assertThat(values.release("systolic-bp", new BigDecimal("150.4"))).isEqualByComparingTo("150");
        assertThat(values.release("systolic-bp", new BigDecimal("199"))).isEqualByComparingTo("195");
        assertThat(values.release("systolic-bp", new BigDecimal("260"))).isEqualByComparingTo("195");
        // A variable the release holds no value of is only rounded.
        assertThat(values.limits("hba1c")).isNull();
        assertThat(values.release("hba1c", new BigDecimal("14.2"))).isEqualByComparingTo("14.0");
    }

    @Test
    void aSingleExtremeValueIsCodedToItsNeighbours() {
        ReleasedValues.Collector collector = ReleasedValues.collector(CATALOG);
        for (int i = 0; i < 40; i++) {
            collector.add("hba1c", new BigDecimal(i % 2 == 0 ? "6.1" : "7.4"));
        }
        collector.add("hba1c", new BigDecimal("13.8"));
        ReleasedValues values = collector.build();
        assertThat(values.release("hba1c", new BigDecimal("13.8"))).isEqualByComparingTo("7.5");
    }

    @Test
    void nearestRankPercentile() {
        java.util.TreeMap<BigDecimal, Long> histogram = new java.util.TreeMap<>();
        histogram.put(BigDecimal.ONE, 1L);
        histogram.put(BigDecimal.TEN, 19L);
        assertThat(ReleasedValues.Collector.percentile(histogram, 5)).isEqualByComparingTo("1");
        assertThat(ReleasedValues.Collector.percentile(histogram, 5.1)).isEqualByComparingTo("10");
        assertThat(ReleasedValues.Collector.percentile(histogram, 95)).isEqualByComparingTo("10");
    }

    @Test
    void suppressesValuesHeldByFewerSubjectsThanTheMinimum() {
        ReleasedValues.Collector collector = ReleasedValues.collector(CATALOG).minHolders(2);
        collector.add("hba1c", new BigDecimal("6.9"), "a");
        collector.add("hba1c", new BigDecimal("7.1"), "b"); // both round to 7
        collector.add("hba1c", new BigDecimal("8.4"), "c");
        collector.add("hba1c", new BigDecimal("8.6"), "c"); // 8.5, but only c holds it
        collector.add("ldl-cholesterol", new BigDecimal("131"), "a");
        ReleasedValues values = collector.build();
        assertThat(values.release("hba1c", new BigDecimal("6.9"))).isEqualByComparingTo("7");
        assertThat(values.release("hba1c", new BigDecimal("8.4"))).isNull();
        assertThat(values.release("ldl-cholesterol", new BigDecimal("131"))).isNull();
        assertThat(values.suppressedValues("hba1c")).isEqualTo(1);
        // Without a minimum every value is released.
        ReleasedValues.Collector all = ReleasedValues.collector(CATALOG);
        all.add("ldl-cholesterol", new BigDecimal("131"), "a");
        assertThat(all.build().release("ldl-cholesterol", new BigDecimal("131")))
                .isEqualByComparingTo("130");
    }
}
