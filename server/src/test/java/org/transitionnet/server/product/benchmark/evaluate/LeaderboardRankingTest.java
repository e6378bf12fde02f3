package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The leaderboard's order: the declared primary metric (mae-skill) in its better direction, ties broken by the
 * secondary metrics, then by the earliest submission reaching the score; on held_out only released scorings count.
 */
class LeaderboardRankingTest {

    private static final List<String> RANKING = List.of(Metrics.MAE_SKILL, Metrics.MAE, Metrics.DIRECTIONAL_ACCURACY);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static StoredSubmission tuning(
            String id, String model, int second, double skill, double mae, double accuracy) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.MAE_SKILL, skill);
        m.put(Metrics.MAE, mae);
        m.put(Metrics.DIRECTIONAL_ACCURACY, accuracy);
        return new StoredSubmission(
                id,
                "ds",
                "t",
                "tuning",
                "client-" + model,
                model,
                null,
                false,
                new Evaluation(m, List.of(), 1, 0),
                T0.plusSeconds(second));
    }

    @Test
    void aProbeWithWorseMaeNoLongerRanksAboveABetterEntryWhateverItsAccuracy() {
        // The case: a probe with MAE 335 and perfect directions against an entry with MAE 0.
        StoredSubmission probe = tuning("a", "probe", 2, -40.0, 335.0, 1.0);
        StoredSubmission exact = tuning("b", "exact", 1, 1.0, 0.0, 0.4);
        assertThat(Leaderboard.ranked(List.of(probe, exact), RANKING))
                .extracting(StoredSubmission::modelName)
                .containsExactly("exact", "probe");
    }

    @Test
    void tiesGoToTheSecondaryMetricsThenToTheEarliestSubmission() {
        StoredSubmission later = tuning("a", "later", 5, 0.5, 2.0, 0.6);
        StoredSubmission earlier = tuning("b", "earlier", 1, 0.5, 2.0, 0.6);
        StoredSubmission betterMae = tuning("c", "better-mae", 9, 0.5, 1.9, 0.1);
        StoredSubmission worse = tuning("d", "worse", 0, 0.4, 0.1, 0.9);
        assertThat(Leaderboard.ranked(List.of(later, worse, earlier, betterMae), RANKING))
                .extracting(StoredSubmission::modelName)
                .containsExactly("better-mae", "earlier", "later", "worse");
    }

    @Test
    void heldOutEntriesAreRankedByTheirReleasedScoresAndUnreleasedScoringsAreNoEntries() {
        Evaluation exact = new Evaluation(Map.of(Metrics.MAE_SKILL, 0.9), List.of(), 1, 0);
        StoredSubmission released = new StoredSubmission(
                "a",
                "ds",
                "t",
                "held_out",
                "c1",
                "m1",
                null,
                false,
                exact,
                T0,
                new HeldOutScores(Map.of(Metrics.MAE_SKILL, 0.3), Map.of(), null, true, 0.01, "a", T0),
                "set");
        StoredSubmission better = new StoredSubmission(
                "b",
                "ds",
                "t",
                "held_out",
                "c2",
                "m2",
                null,
                false,
                new Evaluation(Map.of(Metrics.MAE_SKILL, 0.1), List.of(), 1, 0),
                T0.plusSeconds(1),
                new HeldOutScores(Map.of(Metrics.MAE_SKILL, 0.5), Map.of(), null, true, 0.01, "b", T0.plusSeconds(1)),
                "set");
        StoredSubmission notReleased = new StoredSubmission(
                "c",
                "ds",
                "t",
                "held_out",
                "c3",
                "m3",
                null,
                false,
                exact,
                T0.plusSeconds(2),
                new HeldOutScores(Map.of(), Map.of(), null, false, 0.01, null, null),
                "set");
        assertThat(Leaderboard.ranked(List.of(released, better, notReleased), RANKING))
                .extracting(StoredSubmission::submissionId)
                .containsExactly("b", "a");
    }
}
