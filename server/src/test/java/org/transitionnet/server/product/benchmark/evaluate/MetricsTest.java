package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Metrics against values computed by hand on small cases: ties, one class only, missing and all-missing records. */
class MetricsTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    private static Observed label(String id, String direction, double change, boolean adverse) {
        return new Observed(id, direction, change, adverse);
    }

    private static Prediction p(
            double improved,
            double unchanged,
            double worsened,
            double change,
            double low,
            double high,
            double adverse) {
        return new Prediction(improved, unchanged, worsened, change, low, high, adverse);
    }

    @Test
    void everyMetricOnThreeRecords() {
        List<Observed> labels = List.of(
                label("a", "improved", -1.0, false),
                label("b", "unchanged", 0.2, true),
                label("c", "worsened", 0.8, false));
        Map<String, Prediction> predictions = Map.of(
                "a", p(0.7, 0.2, 0.1, -0.5, -1.5, 0.5, 0.2),
                "b", p(0.2, 0.5, 0.3, 0.0, -0.1, 0.1, 0.6),
                // A tie between improved and unchanged goes to improved (listed first): wrong here.
                "c", p(0.4, 0.4, 0.2, 0.4, 0.5, 1.0, 0.1));
        Evaluation e = Metrics.evaluate(labels, predictions, 0.5);

        assertThat(e.predicted()).isEqualTo(3);
        assertThat(e.missing()).isZero();
        assertThat(e.metrics()).containsOnlyKeys(Metrics.ALL);
        assertThat(e.metrics().get(Metrics.DIRECTIONAL_ACCURACY)).isCloseTo(2.0 / 3, EXACT);
        // Recall improved 1, unchanged 1, worsened 0.
        assertThat(e.metrics().get(Metrics.BALANCED_ACCURACY)).isCloseTo(2.0 / 3, EXACT);
        // |−0.5+1| + |0−0.2| + |0.4−0.8| = 1.1
        assertThat(e.metrics().get(Metrics.MAE)).isCloseTo(1.1 / 3, EXACT);
        // a covered, b (0.2 outside [−0.1, 0.1]) not, c covered; widths 2.0 + 0.2 + 0.5.
        assertThat(e.metrics().get(Metrics.INTERVAL_COVERAGE)).isCloseTo(2.0 / 3, EXACT);
        assertThat(e.metrics().get(Metrics.INTERVAL_WIDTH)).isCloseTo(0.9, EXACT);
        // Confidences 0.7 (right), 0.5 (right), 0.4 (wrong), each alone in its bin: (0.3 + 0.5 + 0.4) / 3.
        assertThat(e.metrics().get(Metrics.ECE)).isCloseTo(0.4, EXACT);
        // 0.09+0.04+0.01 + 0.04+0.25+0.09 + 0.16+0.16+0.64 = 1.48
        assertThat(e.metrics().get(Metrics.BRIER)).isCloseTo(1.48 / 3, EXACT);
        // The one event (0.6) is above both non-events (0.2, 0.1), and flagged at 0.5.
        assertThat(e.metrics().get(Metrics.AUROC)).isCloseTo(1.0, EXACT);
        assertThat(e.metrics().get(Metrics.RECALL)).isCloseTo(1.0, EXACT);

        assertThat(e.reliability()).hasSize(10);
        ReliabilityBin seven = e.reliability().get(7);
        assertThat(seven.lower()).isCloseTo(0.7, EXACT);
        assertThat(seven.upper()).isCloseTo(0.8, EXACT);
        assertThat(seven.count()).isEqualTo(1);
        assertThat(seven.meanConfidence()).isCloseTo(0.7, EXACT);
        assertThat(seven.accuracy()).isCloseTo(1.0, EXACT);
        assertThat(e.reliability().get(4).accuracy()).isCloseTo(0.0, EXACT);
        assertThat(e.reliability().get(0).count()).isZero();
        assertThat(e.reliability().get(0).meanConfidence()).isNull();
        assertThat(e.reliability().get(0).accuracy()).isNull();
    }

    @Test
    void operatingPointIsInclusiveAndConfigurable() {
        List<Observed> labels = List.of(
                label("a", "improved", 0, true), label("b", "improved", 0, true), label("c", "improved", 0, false));
        Map<String, Prediction> predictions =
                Map.of("a", p(1, 0, 0, 0, 0, 0, 0.5), "b", p(1, 0, 0, 0, 0, 0, 0.3), "c", p(1, 0, 0, 0, 0, 0, 0.9));
        assertThat(Metrics.evaluate(labels, predictions, 0.5).metrics().get(Metrics.RECALL))
                .isCloseTo(0.5, EXACT);
        assertThat(Metrics.evaluate(labels, predictions, 0.25).metrics().get(Metrics.RECALL))
                .isCloseTo(1.0, EXACT);
        // Events 0.5 and 0.3 both below the non-event's 0.9.
        assertThat(Metrics.evaluate(labels, predictions, 0.5).metrics().get(Metrics.AUROC))
                .isCloseTo(0.0, EXACT);
    }

    @Test
    void tiedScoresCountOneHalfInTheAuroc() {
        List<Observed> labels = List.of(
                label("p1", "improved", 0, true),
                label("p2", "improved", 0, true),
                label("n1", "improved", 0, false),
                label("n2", "improved", 0, false));
        Map<String, Prediction> predictions = Map.of(
                "p1",
                p(1, 0, 0, 0, 0, 0, 0.5),
                "p2",
                p(1, 0, 0, 0, 0, 0, 0.8),
                "n1",
                p(1, 0, 0, 0, 0, 0, 0.5),
                "n2",
                p(1, 0, 0, 0, 0, 0, 0.2));
        // Pairs: (0.5, 0.5) ½, (0.5, 0.2) 1, (0.8, 0.5) 1, (0.8, 0.2) 1 → 3.5 / 4.
        assertThat(Metrics.evaluate(labels, predictions, 0.5).metrics().get(Metrics.AUROC))
                .isCloseTo(0.875, EXACT);
        // Every score equal: one half.
        Map<String, Prediction> flat = Map.of(
                "p1",
                p(1, 0, 0, 0, 0, 0, 0.3),
                "p2",
                p(1, 0, 0, 0, 0, 0, 0.3),
                "n1",
                p(1, 0, 0, 0, 0, 0, 0.3),
                "n2",
                p(1, 0, 0, 0, 0, 0, 0.3));
        assertThat(Metrics.evaluate(labels, flat, 0.5).metrics().get(Metrics.AUROC))
                .isCloseTo(0.5, EXACT);
    }

    @Test
    void tiesInTheDirectionGoToTheFirstListed() {
        assertThat(Metrics.topLabel(p(1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0, 0, 0))).isZero();
        assertThat(Metrics.topLabel(p(0.2, 0.4, 0.4, 0, 0, 0, 0))).isEqualTo(1);
        assertThat(Metrics.topLabel(p(0.4, 0.2, 0.4, 0, 0, 0, 0))).isZero();
        assertThat(Metrics.topLabel(p(0.1, 0.2, 0.7, 0, 0, 0, 0))).isEqualTo(2);
    }

    @Test
    void oneClassOnlyLeavesOutWhatCannotBeComputed() {
        List<Observed> labels = List.of(label("a", "unchanged", 0.1, false), label("b", "unchanged", -0.1, false));
        Map<String, Prediction> predictions =
                Map.of("a", p(0.1, 0.8, 0.1, 0, -1, 1, 0.7), "b", p(0.6, 0.3, 0.1, 0, -1, 1, 0.1));
        Evaluation e = Metrics.evaluate(labels, predictions, 0.5);
        assertThat(e.metrics()).doesNotContainKeys(Metrics.AUROC, Metrics.RECALL);
        // Only "unchanged" is present: balanced accuracy is its recall.
        assertThat(e.metrics().get(Metrics.BALANCED_ACCURACY)).isCloseTo(0.5, EXACT);
        assertThat(e.metrics().get(Metrics.DIRECTIONAL_ACCURACY)).isCloseTo(0.5, EXACT);

        List<Observed> allEvents = List.of(label("a", "unchanged", 0, true), label("b", "worsened", 1, true));
        Evaluation events = Metrics.evaluate(allEvents, predictions, 0.5);
        assertThat(events.metrics()).doesNotContainKey(Metrics.AUROC);
        assertThat(events.metrics().get(Metrics.RECALL)).isCloseTo(0.5, EXACT);
    }

    @Test
    void missingRecordsAreCountedAndScoredAsMisses() {
        List<Observed> labels = List.of(label("a", "improved", -1.0, true), label("b", "unchanged", 0.0, false));
        // Only b is predicted, perfectly; a is missing.
        Evaluation e = Metrics.evaluate(labels, Map.of("b", p(0, 1, 0, 0.0, 0.0, 0.0, 0.0)), 0.5);
        assertThat(e.predicted()).isEqualTo(1);
        assertThat(e.missing()).isEqualTo(1);
        assertThat(e.metrics().get(Metrics.DIRECTIONAL_ACCURACY)).isCloseTo(0.5, EXACT);
        assertThat(e.metrics().get(Metrics.BALANCED_ACCURACY)).isCloseTo(0.5, EXACT);
        // The stand-in predicts change 0: |0 − (−1)| = 1 for a.
        assertThat(e.metrics().get(Metrics.MAE)).isCloseTo(0.5, EXACT);
        // a's stand-in interval [0, 0] covers nothing (a miss), b's covers 0.
        assertThat(e.metrics().get(Metrics.INTERVAL_COVERAGE)).isCloseTo(0.5, EXACT);
        assertThat(e.metrics().get(Metrics.INTERVAL_WIDTH)).isCloseTo(0.0, EXACT);
        // a: uniform, (1/3 − 1)² + 2 (1/3)² = 2/3; b: 0.
        assertThat(e.metrics().get(Metrics.BRIER)).isCloseTo(1.0 / 3, EXACT);
        // Bin 3: a (confidence 1/3, wrong); bin 9: b (1.0, right) → ½ · 1/3.
        assertThat(e.metrics().get(Metrics.ECE)).isCloseTo(1.0 / 6, EXACT);
        assertThat(e.reliability().get(3).count()).isEqualTo(1);
        assertThat(e.reliability().get(9).count()).isEqualTo(1);
        // The stand-in's 0.5 is above b's 0.0, yet a missing record is never flagged.
        assertThat(e.metrics().get(Metrics.AUROC)).isCloseTo(1.0, EXACT);
        assertThat(e.metrics().get(Metrics.RECALL)).isCloseTo(0.0, EXACT);
    }

    @Test
    void allMissing() {
        List<Observed> labels = List.of(
                label("a", "improved", -1.0, true),
                label("b", "unchanged", 0.0, false),
                label("c", "worsened", 2.0, false));
        Evaluation e = Metrics.evaluate(labels, Map.of("other", p(1, 0, 0, 0, 0, 0, 1)), 0.5);
        assertThat(e.predicted()).isZero();
        assertThat(e.missing()).isEqualTo(3);
        assertThat(e.metrics().get(Metrics.DIRECTIONAL_ACCURACY)).isCloseTo(0.0, EXACT);
        assertThat(e.metrics().get(Metrics.BALANCED_ACCURACY)).isCloseTo(0.0, EXACT);
        assertThat(e.metrics().get(Metrics.MAE)).isCloseTo(1.0, EXACT);
        assertThat(e.metrics().get(Metrics.INTERVAL_COVERAGE)).isCloseTo(0.0, EXACT);
        assertThat(e.metrics().get(Metrics.INTERVAL_WIDTH)).isCloseTo(0.0, EXACT);
        assertThat(e.metrics().get(Metrics.ECE)).isCloseTo(1.0 / 3, EXACT);
        assertThat(e.metrics().get(Metrics.BRIER)).isCloseTo(2.0 / 3, EXACT);
        assertThat(e.metrics().get(Metrics.AUROC)).isCloseTo(0.5, EXACT);
        assertThat(e.metrics().get(Metrics.RECALL)).isCloseTo(0.0, EXACT);
    }

    @Test
    void binsIncludeTheirLowerBoundAndOneFallsInTheLast() {
        assertThat(Metrics.bin(0.1)).isEqualTo(1);
        assertThat(Metrics.bin(0.0999)).isZero();
        assertThat(Metrics.bin(0.5)).isEqualTo(5);
        assertThat(Metrics.bin(1.0)).isEqualTo(9);
        assertThat(Metrics.bin(1.0 / 3)).isEqualTo(3);
    }

    @Test
    void anEmptySplitHasNoMetrics() {
        Evaluation e = Metrics.evaluate(List.of(), Map.of(), 0.5);
        assertThat(e.metrics()).isEmpty();
        assertThat(e.predicted()).isZero();
        assertThat(e.missing()).isZero();
        assertThat(e.reliability())
                .hasSize(10)
                .allSatisfy(b -> assertThat(b.count()).isZero());
    }
}
