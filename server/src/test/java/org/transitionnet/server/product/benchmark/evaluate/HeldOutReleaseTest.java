package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rounding, the bootstrap interval, the minimum held-out count and the ladder's decisions. */
class HeldOutReleaseTest {

    private static final List<String> DECLARED = List.of(Metrics.MAE_SKILL, Metrics.MAE, Metrics.DIRECTIONAL_ACCURACY);

    @Test
    void roundsToThreeSignificantDigitsAndToAThousandthBelowOneTenth() {
        assertThat(HeldOutRelease.round(12.3456)).isEqualTo(12.3);
        assertThat(HeldOutRelease.round(0.123456)).isEqualTo(0.123);
        assertThat(HeldOutRelease.round(0.0123456)).isEqualTo(0.012);
        assertThat(HeldOutRelease.round(-0.00049)).isZero();
        assertThat(HeldOutRelease.round(1234.5)).isEqualTo(1230.0);
        assertThat(HeldOutRelease.step(0.5)).isEqualTo(0.001);
        assertThat(HeldOutRelease.step(7.2)).isEqualTo(0.01);
    }

    @Test
    void nothingIsComputedUnderTheMinimumAndIntervalsAreDeterministic() {
        List<Observed> labels = HeldOutProbeAttackTest.labels(new Random(7));
        Map<String, Prediction> predictions = new HashMap<>();
        labels.forEach(l ->
                predictions.put(l.recordId(), new Prediction(0.2, 0.5, 0.3, l.change() > 0 ? 3 : -1, -5, 5, 0.3)));
        HeldOutRelease.Candidate few =
                new HeldOutRelease(61, 0.5).candidate(labels, predictions, DECLARED, Metrics.MAE_SKILL);
        assertThat(few.withheld()).contains("60 records", "fewer than the 61");
        assertThat(few.metrics()).isEmpty();

        HeldOutRelease release = new HeldOutRelease(20, 0.5);
        HeldOutRelease.Candidate c = release.candidate(labels, predictions, DECLARED, Metrics.MAE_SKILL);
        assertThat(c.metrics()).containsOnlyKeys(DECLARED);
        assertThat(c.intervals().get(Metrics.MAE_SKILL).low())
                .isLessThanOrEqualTo(c.metrics().get(Metrics.MAE_SKILL));
        assertThat(c.intervals().get(Metrics.MAE_SKILL).high())
                .isGreaterThanOrEqualTo(c.metrics().get(Metrics.MAE_SKILL));
        assertThat(c.primaryStandardError()).isPositive();
        assertThat(release.candidate(labels, predictions, DECLARED, Metrics.MAE_SKILL))
                .isEqualTo(c);
    }

    @Test
    void theLadderReleasesOnlyAnImprovementByMoreThanTheStep() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        HeldOutRelease.Candidate good =
                new HeldOutRelease.Candidate(Map.of(Metrics.MAE_SKILL, 0.4), Map.of(), 0.4, 0.05, null);
        HeldOutScores first = HeldOutRelease.ladder(good, Metrics.MAE_SKILL, Optional.empty(), "s1", now);
        assertThat(first.released()).isTrue();
        assertThat(first.step()).isEqualTo(0.05);

        HeldOutRelease.Candidate slightlyBetter =
                new HeldOutRelease.Candidate(Map.of(Metrics.MAE_SKILL, 0.43), Map.of(), 0.43, 0.05, null);
        HeldOutScores second =
                HeldOutRelease.ladder(slightlyBetter, Metrics.MAE_SKILL, Optional.of(first), "s2", now.plusSeconds(1));
        assertThat(second.released()).isFalse();
        assertThat(second.metrics()).isEqualTo(first.metrics());
        assertThat(second.reportedSubmission()).isEqualTo("s1");

        HeldOutRelease.Candidate muchBetter =
                new HeldOutRelease.Candidate(Map.of(Metrics.MAE_SKILL, 0.5), Map.of(), 0.5, 0.05, null);
        assertThat(HeldOutRelease.ladder(muchBetter, Metrics.MAE_SKILL, Optional.of(first), "s3", now)
                        .released())
                .isTrue();

        // No release yet and no gain over the no-change reference: nothing is reported.
        HeldOutRelease.Candidate none =
                new HeldOutRelease.Candidate(Map.of(Metrics.MAE_SKILL, 0.01), Map.of(), 0.01, 0.05, null);
        HeldOutScores nothing = HeldOutRelease.ladder(none, Metrics.MAE_SKILL, Optional.empty(), "s4", now);
        assertThat(nothing.released()).isFalse();
        assertThat(nothing.metrics()).isEmpty();
    }
}
