package org.transitionnet.server.product.benchmark.evaluate;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;

/**
 * Scores a parsed submission against the labels held on the server and stores the result. Checks in
 * this order, answering the first that fails: the dataset version exists and is ready (404), it has the
 * task (404), the split is tuning or held_out (400), the number of predictions is within the limit (422),
 * then each record in submitted order — malformed (found by the parser) or not a record of the split —
 * (422 naming it). Only a valid submission is scored; on held_out it must pass the {@link HeldOutQuota}, and
 * what is answered is made by {@link HeldOutRelease}: the declared metrics rounded with intervals, through the
 * ladder against the client's best released scores on the same held-out records. The exact scores are stored.
 */
public class Evaluator {

    private final DatasetStore datasets;
    private final LabelStore labels;
    private final SubmissionStore submissions;
    private final HeldOutQuota quota;
    private final HeldOutRelease release;
    private final TaskCatalog tasks;
    private final int maxPredictions;
    private final double operatingPoint;
    private final Clock clock;

    public Evaluator(
            DatasetStore datasets,
            LabelStore labels,
            SubmissionStore submissions,
            HeldOutQuota quota,
            HeldOutRelease release,
            TaskCatalog tasks,
            int maxPredictions,
            double operatingPoint,
            Clock clock) {
        this.datasets = datasets;
        this.labels = labels;
        this.submissions = submissions;
        this.quota = quota;
        this.release = release;
        this.tasks = tasks;
        this.maxPredictions = maxPredictions;
        this.operatingPoint = operatingPoint;
        this.clock = clock;
    }

    /**
     * @param clientId who submits (counted for the held-out limit)
     * @throws HeldOutQuota.Exhausted when the client has no held-out scoring left (nothing stored)
     */
    public StoredSubmission evaluate(Submission s, String clientId) {
        DatasetVersion version = datasets.version(s.datasetId())
                .filter(DatasetVersion::isReady)
                .orElseThrow(() -> new ResourceNotFoundException("No ready dataset version '"
                        + SubmissionErrors.shorten(s.datasetId()) + "'; GET $datasets lists them"));
        if (!version.taskIds().contains(s.taskId())) {
            throw new ResourceNotFoundException("Dataset version " + version.datasetId() + " has no task '"
                    + SubmissionErrors.shorten(s.taskId()) + "'; its tasks are " + version.taskIds());
        }
        Split split = Split.fromCode(s.split())
                .orElseThrow(() -> SubmissionErrors.badRequest(
                        "split '" + SubmissionErrors.shorten(s.split()) + "' is not one of tuning, held_out"));
        if (split == Split.TRAIN) {
            throw SubmissionErrors.badRequest(
                    "The train split is not scored: its labels are released with the dataset. "
                            + "Submit predictions for tuning or held_out");
        }
        if (s.count() > maxPredictions) {
            throw SubmissionErrors.unprocessable(
                    OperationOutcome.IssueType.TOOCOSTLY,
                    "The submission has " + s.count() + " predictions; at most " + maxPredictions
                            + " are scored at once (transitionnet.benchmark.max-predictions)");
        }
        List<Observed> splitLabels = labels.labels(version.datasetId(), s.taskId(), split);
        Set<String> known = new HashSet<>();
        splitLabels.forEach(l -> known.add(l.recordId()));
        Map<String, Prediction> predictions = new HashMap<>();
        for (Submission.Entry e : s.predictions()) {
            if (!known.contains(e.recordId())) {
                throw SubmissionErrors.badRecord(
                        e.index(),
                        e.recordId(),
                        "not a record of the " + split.code() + " split of task " + s.taskId() + " in "
                                + version.datasetId());
            }
            predictions.put(e.recordId(), e.prediction());
        }
        if (s.problem() != null) {
            throw SubmissionErrors.badRecord(
                    s.problem().index(), s.problem().recordId(), s.problem().message());
        }
        if (split == Split.TUNING) {
            StoredSubmission stored = new StoredSubmission(
                    UUID.randomUUID().toString(),
                    version.datasetId(),
                    s.taskId(),
                    split.code(),
                    clientId,
                    s.modelName(),
                    s.modelDescription(),
                    false,
                    Metrics.evaluate(splitLabels, predictions, operatingPoint),
                    clock.instant());
            submissions.insert(stored);
            return stored;
        }
        BenchmarkTask task = tasks.task(s.taskId())
                .orElseThrow(() ->
                        new ResourceNotFoundException("Task " + s.taskId() + " is no longer published by this server"));
        String heldOutSet = heldOutSet(labels.sourceKeys(version.datasetId(), s.taskId(), Split.HELD_OUT));
        return quota.admit(clientId, version.datasetId(), s.taskId(), () -> {
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant();
            Evaluation exact = Metrics.evaluate(splitLabels, predictions, operatingPoint);
            HeldOutRelease.Candidate candidate =
                    release.candidate(splitLabels, predictions, task.metrics(), task.primaryMetric());
            HeldOutScores answered = HeldOutRelease.ladder(
                    candidate, task.primaryMetric(), submissions.bestReleased(clientId, heldOutSet), id, now);
            StoredSubmission stored = new StoredSubmission(
                    id,
                    version.datasetId(),
                    s.taskId(),
                    split.code(),
                    clientId,
                    s.modelName(),
                    s.modelDescription(),
                    false,
                    exact,
                    now,
                    answered,
                    heldOutSet);
            submissions.insert(stored);
            return stored;
        });
    }

    /** The key of a held-out record set: SHA-256 over its sorted source keys. */
    public static String heldOutSet(List<String> sortedSourceKeys) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String key : sortedSourceKeys) {
                sha.update((key + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
