package org.transitionnet.server.benchmark.evaluate;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.transitionnet.server.benchmark.Split;
import org.transitionnet.server.benchmark.dataset.DatasetStore;
import org.transitionnet.server.benchmark.dataset.DatasetVersion;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Scores a parsed submission against the labels held on the server and stores the result. Checks in
 * this order, answering the first that fails: the dataset version exists and is ready (404), it has the
 * task (404), the split is tuning or held_out (400), the number of predictions is within the limit (422),
 * then each record in submitted order — malformed (found by the parser) or not a record of the split —
 * (422 naming it). Only a valid submission is scored; on held_out it must pass the {@link HeldOutQuota}.
 */
public class Evaluator {

	private final DatasetStore datasets;
	private final LabelStore labels;
	private final SubmissionStore submissions;
	private final HeldOutQuota quota;
	private final int maxPredictions;
	private final double operatingPoint;
	private final Clock clock;

	public Evaluator(DatasetStore datasets, LabelStore labels, SubmissionStore submissions, HeldOutQuota quota, int maxPredictions,
			double operatingPoint, Clock clock) {
		this.datasets = datasets;
		this.labels = labels;
		this.submissions = submissions;
		this.quota = quota;
		this.maxPredictions = maxPredictions;
		this.operatingPoint = operatingPoint;
		this.clock = clock;
	}

	/**
	 * @param clientId who submits (counted for the held-out limit)
	 * @throws HeldOutQuota.Exhausted when the client has no held-out scoring left (nothing stored)
	 */
	public StoredSubmission evaluate(Submission s, String clientId) {
		DatasetVersion version = datasets.version(s.datasetId()).filter(DatasetVersion::isReady)
				.orElseThrow(() -> new ResourceNotFoundException("No ready dataset version '" + SubmissionErrors.shorten(s.datasetId())
						+ "'; GET $datasets lists them"));
		if (!version.taskIds().contains(s.taskId())) {
			throw new ResourceNotFoundException("Dataset version " + version.datasetId() + " has no task '" + SubmissionErrors.shorten(s.taskId())
					+ "'; its tasks are " + version.taskIds());
		}
		Split split = Split.fromCode(s.split()).orElseThrow(() -> SubmissionErrors.badRequest("split '" + SubmissionErrors.shorten(s.split())
				+ "' is not one of tuning, held_out"));
		if (split == Split.TRAIN) {
			throw SubmissionErrors.badRequest("The train split is not scored: its labels are released with the dataset. "
					+ "Submit predictions for tuning or held_out");
		}
		if (s.count() > maxPredictions) {
			throw SubmissionErrors.unprocessable(OperationOutcome.IssueType.TOOCOSTLY, "The submission has " + s.count()
					+ " predictions; at most " + maxPredictions + " are scored at once (transitionnet.benchmark.max-predictions)");
		}
		List<Observed> splitLabels = labels.labels(version.datasetId(), s.taskId(), split);
		Set<String> known = new HashSet<>();
		splitLabels.forEach(l -> known.add(l.recordId()));
		Map<String, Prediction> predictions = new HashMap<>();
		for (Submission.Entry e : s.predictions()) {
			if (!known.contains(e.recordId())) {
				throw SubmissionErrors.badRecord(e.index(), e.recordId(), "not a record of the " + split.code() + " split of task "
						+ s.taskId() + " in " + version.datasetId());
			}
			predictions.put(e.recordId(), e.prediction());
		}
		if (s.problem() != null) {
			throw SubmissionErrors.badRecord(s.problem().index(), s.problem().recordId(), s.problem().message());
		}
		Supplier<StoredSubmission> scoreAndStore = () -> {
			Evaluation evaluation = Metrics.evaluate(splitLabels, predictions, operatingPoint);
			StoredSubmission stored = new StoredSubmission(UUID.randomUUID().toString(), version.datasetId(), s.taskId(), split.code(), clientId,
					s.modelName(), s.modelDescription(), false, evaluation, clock.instant());
			submissions.insert(stored);
			return stored;
		};
		return split == Split.HELD_OUT ? quota.admit(clientId, version.datasetId(), s.taskId(), scoreAndStore) : scoreAndStore.get();
	}
}
