package org.transitionnet.server.product.benchmark.evaluate;

import java.time.Instant;

/**
 * One scored submission as stored in {@code tn_bench_submission}: who, which model, which dataset
 * version, task and split, and the scores (never the predictions or the labels).
 *
 * @param clientId the OAuth client that submitted, {@code transitionnet} for baselines, {@code anonymous}
 *                 when the server runs without security
 * @param evaluation the exact scores; on held_out they stay on the server (answers carry {@code heldOut} instead)
 * @param heldOut    on held_out, what is answered (rounded, with intervals, through the ladder); null on tuning
 * @param heldOutSet on held_out, the key of the set of held-out records scored (a digest of their server-only source keys),
 *                   shared by every version with the same held-out records; null on tuning
 */
public record StoredSubmission(
        String submissionId,
        String datasetId,
        String taskId,
        String split,
        String clientId,
        String modelName,
        String modelDescription,
        boolean baseline,
        Evaluation evaluation,
        Instant createdAt,
        HeldOutScores heldOut,
        String heldOutSet) {

    /** A tuning scoring (no held-out form). */
    public StoredSubmission(
            String submissionId,
            String datasetId,
            String taskId,
            String split,
            String clientId,
            String modelName,
            String modelDescription,
            boolean baseline,
            Evaluation evaluation,
            Instant createdAt) {
        this(
                submissionId,
                datasetId,
                taskId,
                split,
                clientId,
                modelName,
                modelDescription,
                baseline,
                evaluation,
                createdAt,
                null,
                null);
    }

    public boolean isHeldOut() {
        return org.transitionnet.server.product.benchmark.Split.HELD_OUT.code().equals(split);
    }
}
