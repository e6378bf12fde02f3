package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The aggregate-inversion attack on held-out scoring: a client submits the public no-change predictions,
 * then the same predictions with one record changed, and compares the two answers to guess that record's
 * label. On a synthetic held-out split of 60 records with random labels (several seeds, each probed record
 * probed by a fresh client so neither quota nor earlier answers interfere), the guesses must be right no
 * more often than a guess without any answer (the majority class of the probed records), whichever of the two is
 * submitted first.
 */
class HeldOutProbeAttackTest {

    private static final int RECORDS = 60;
    private static final int SEEDS = 5;
    private static final int PROBES_PER_SEED = 12;

    /** One probe: how submission 2 differs from the no-change predictions, how the attacker guesses, and the truth guessed at. */
    private record Probe(
            String name,
            BiFunction<Prediction, Observed, Prediction> change,
            BiFunction<JsonNode, JsonNode, Boolean> guess,
            Predicate<Observed> truth) {}

    private static final List<Probe> PROBES = List.of(
            // The change at −1000: the MAE rises by exactly 1000/n when the recorded change is ≥ 0, by less when it is
            // negative.
            new Probe(
                    "change -1000",
                    (p, l) -> new Prediction(
                            p.improved(), p.unchanged(), p.worsened(), -1000, -1000, -1000, p.adverseEvent()),
                    (a, b) -> RECORDS * (metric(b, Metrics.MAE) - metric(a, Metrics.MAE)) > 999.5,
                    l -> l.change() >= 0),
            // The direction flipped to "improved": directional accuracy rises when that was the recorded direction.
            new Probe(
                    "direction flipped",
                    (p, l) -> new Prediction(1, 0, 0, p.change(), p.low(), p.high(), p.adverseEvent()),
                    (a, b) -> metric(b, Metrics.DIRECTIONAL_ACCURACY) > metric(a, Metrics.DIRECTIONAL_ACCURACY),
                    l -> l.direction().equals("improved")),
            // The adverse-event probability at 1: recall rises when an event was recorded.
            new Probe(
                    "adverse event 1",
                    (p, l) ->
                            new Prediction(p.improved(), p.unchanged(), p.worsened(), p.change(), p.low(), p.high(), 1),
                    (a, b) -> metric(b, Metrics.RECALL) > metric(a, Metrics.RECALL)
                            || metric(b, Metrics.AUROC) > metric(a, Metrics.AUROC),
                    Observed::adverseEvent));

    @Test
    void twoSubmissionsRevealNoLabelBetterThanChance() {
        attack(false);
    }

    /** The same attack with the probe submitted first and the no-change predictions second. */
    @Test
    void theProbeFirstRevealsNoLabelEither() {
        attack(true);
    }

    /**
     * An answer that releases no new scores carries nothing computed from the submission: two probes that change
     * different records in different ways get the same answer (the ladder's step included), so not even the spread of
     * a probe's errors can be read from it.
     */
    @Test
    void anAnswerWithoutNewScoresIsTheSameForEveryProbe() {
        List<Observed> labels = labels(new Random(11));
        HeldOutScoringFixture fixture = new HeldOutScoringFixture(labels);
        List<JsonNode> answers = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            String client = "prober-" + j;
            fixture.answer(client, "no-change", r -> HeldOutScoringFixture.NO_CHANGE);
            String probed = labels.get(j * 7).recordId();
            double change = j % 2 == 0 ? -1000 : 1000;
            Prediction probe = new Prediction(1.0 / 3, 1.0 / 3, 1.0 / 3, change, change, change, j % 2);
            JsonNode answer =
                    fixture.answer(client, "probe", r -> r.equals(probed) ? probe : HeldOutScoringFixture.NO_CHANGE);
            assertThat(answer.path("heldOutRelease").path("released").asBoolean(true))
                    .as("probe %d released new scores", j)
                    .isFalse();
            answers.add(answer);
        }
        for (JsonNode answer : answers) {
            assertThat(answer.path("metrics")).isEqualTo(answers.get(0).path("metrics"));
            assertThat(answer.path("intervals")).isEqualTo(answers.get(0).path("intervals"));
            assertThat(withoutSubmission(answer.path("heldOutRelease")))
                    .isEqualTo(withoutSubmission(answers.get(0).path("heldOutRelease")));
        }
    }

    private static JsonNode withoutSubmission(JsonNode release) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = release.deepCopy();
        copy.remove("reportedSubmission");
        copy.remove("message");
        return copy;
    }

    private static void attack(boolean probeFirst) {
        for (Probe probe : PROBES) {
            int right = 0;
            int positives = 0;
            int probes = 0;
            for (int seed = 1; seed <= SEEDS; seed++) {
                Random random = new Random(seed);
                List<Observed> labels = labels(random);
                HeldOutScoringFixture fixture = new HeldOutScoringFixture(labels);
                for (int j = 0; j < PROBES_PER_SEED; j++) {
                    Observed target = labels.get(random.nextInt(labels.size()));
                    String client = "attacker-" + seed + "-" + j;
                    JsonNode first = null;
                    if (!probeFirst) {
                        first = fixture.answer(client, "no-change", r -> HeldOutScoringFixture.NO_CHANGE);
                    }
                    JsonNode second = fixture.answer(
                            client,
                            "probe",
                            r -> r.equals(target.recordId())
                                    ? probe.change().apply(HeldOutScoringFixture.NO_CHANGE, target)
                                    : HeldOutScoringFixture.NO_CHANGE);
                    if (probeFirst) {
                        first = fixture.answer(client, "no-change", r -> HeldOutScoringFixture.NO_CHANGE);
                    }
                    boolean guess = probe.guess().apply(first, second);
                    boolean truth = probe.truth().test(target);
                    right += guess == truth ? 1 : 0;
                    positives += truth ? 1 : 0;
                    probes++;
                }
            }
            int chance = Math.max(positives, probes - positives);
            assertThat(right)
                    .as(
                            "%s%s: right guesses out of %d probes (a guess without any answer gets %d)",
                            probe.name(), probeFirst ? " (probe first)" : "", probes, chance)
                    .isLessThanOrEqualTo(chance);
        }
    }

    /** Random labels: change ~ N(0, 10), direction by its sign (|change| < 2: unchanged), an adverse event in about 30 %. */
    static List<Observed> labels(Random random) {
        List<Observed> labels = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            double change = Math.round(random.nextGaussian() * 100) / 10.0;
            String direction = Math.abs(change) < 2 ? "unchanged" : change < 0 ? "improved" : "worsened";
            labels.add(new Observed(String.format("r%03d", i), direction, change, random.nextDouble() < 0.3));
        }
        return labels;
    }

    private static double metric(JsonNode answer, String name) {
        JsonNode m = answer.path("metrics").path(name);
        return m.isObject() ? m.path("value").asDouble(Double.NaN) : m.asDouble(Double.NaN);
    }
}
