package org.transitionnet.server.product.benchmark.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.SplitRule;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;

/**
 * An {@link Evaluator} over one synthetic held-out split in memory (no database): the stores are
 * stand-ins, the held-out limit admits everything, so tests can look at what held-out answers carry.
 */
final class HeldOutScoringFixture {

    static final String DATASET = "ds-000000000000";
    static final String TASK = "statin-ldl";
    /** The public no-change predictions. */
    static final Prediction NO_CHANGE = new Prediction(0, 1, 0, 0, 0, 0, 0.3);

    final List<Observed> labels;
    final List<StoredSubmission> stored = new ArrayList<>();
    private final Evaluator evaluator;
    private long tick;

    HeldOutScoringFixture(List<Observed> labels) {
        this(labels, 20);
    }

    HeldOutScoringFixture(List<Observed> labels, int minAggregate) {
        this.labels = List.copyOf(labels);
        DatasetVersion version = new DatasetVersion(
                DATASET,
                "1.0.0",
                DatasetVersion.READY,
                "job",
                List.of(TASK),
                Map.of(TASK, "1.0.0"),
                "c",
                "d",
                "h",
                Instant.EPOCH,
                null,
                Map.of(),
                null,
                null,
                null);
        DatasetStore datasets = new DatasetStore(null) {
            @Override
            public Optional<DatasetVersion> version(String datasetId) {
                return DATASET.equals(datasetId) ? Optional.of(version) : Optional.empty();
            }
        };
        LabelStore labelStore = new LabelStore(null) {
            @Override
            public List<Observed> labels(String datasetId, String taskId, Split split) {
                return split == Split.HELD_OUT ? HeldOutScoringFixture.this.labels : List.of();
            }

            @Override
            public List<String> sourceKeys(String datasetId, String taskId, Split split) {
                return HeldOutScoringFixture.this.labels.stream()
                        .map(l -> "source-" + l.recordId())
                        .sorted()
                        .toList();
            }
        };
        SubmissionStore submissions = new SubmissionStore(null) {
            @Override
            public void insert(StoredSubmission s) {
                stored.add(s);
            }

            @Override
            public Optional<HeldOutScores> bestReleased(String clientId, String heldOutSet) {
                for (int i = stored.size() - 1; i >= 0; i--) {
                    StoredSubmission s = stored.get(i);
                    if (s.clientId().equals(clientId)
                            && heldOutSet.equals(s.heldOutSet())
                            && s.heldOut() != null
                            && s.heldOut().released()) {
                        return Optional.of(s.heldOut());
                    }
                }
                return Optional.empty();
            }
        };
        HeldOutQuota quota =
                new HeldOutQuota(
                        null,
                        null,
                        null,
                        submissions,
                        1_000_000,
                        java.time.Duration.ofDays(1),
                        1_000_000,
                        Clock.systemUTC()) {
                    @Override
                    public <T> T admit(String clientId, String datasetId, String taskId, Supplier<T> scoreAndStore) {
                        return scoreAndStore.get();
                    }
                };
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.parse("2026-12-01T00:00:00Z").plusSeconds(tick++);
            }
        };
        BenchmarkTask task = new BenchmarkTask(
                TASK,
                "1.0.0",
                "T",
                "D",
                "ldl-cholesterol",
                List.of(),
                List.of("ageBand", "sex"),
                List.of("statin"),
                28,
                400,
                Metrics.DIRECTIONS,
                "mg/dL",
                0.9,
                Metrics.ALL,
                new SplitRule(SplitRule.KEYED_SUBJECT_HASH, 1, 0.7, 0.15, 0.15),
                5,
                "boundary",
                0,
                Metrics.MAE_SKILL,
                List.of(Metrics.MAE, Metrics.DIRECTIONAL_ACCURACY));
        evaluator = new Evaluator(
                datasets,
                labelStore,
                submissions,
                quota,
                new HeldOutRelease(minAggregate, 0.5),
                new TaskCatalog(List.of(task)),
                200_000,
                0.5,
                clock);
    }

    /** The held-out answer to a submission of {@code prediction(recordId)} for every record. */
    JsonNode answer(String client, String model, Function<String, Prediction> prediction) {
        List<Submission.Entry> entries = new ArrayList<>();
        for (Observed l : labels) {
            entries.add(new Submission.Entry(entries.size(), l.recordId(), prediction.apply(l.recordId())));
        }
        StoredSubmission s = evaluator.evaluate(
                new Submission(DATASET, TASK, Split.HELD_OUT.code(), model, null, entries, entries.size(), null),
                client);
        return SubmissionJson.of(s);
    }
}
