package org.transitionnet.server.benchmark.evaluate;

import java.time.Instant;

/**
 * One scored submission as stored in {@code tn_bench_submission}: who, which model, which dataset
 * version, task and split, and the scores (never the predictions or the labels).
 *
 * @param clientId the OAuth client that submitted, {@code transitionnet} for baselines, {@code anonymous}
 *                 when the server runs without security
 */
public record StoredSubmission(String submissionId, String datasetId, String taskId, String split, String clientId, String modelName,
		String modelDescription, boolean baseline, Evaluation evaluation, Instant createdAt) {
}
