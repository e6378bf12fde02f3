package org.transitionnet.server.product.benchmark.evaluate;

import java.util.List;

/**
 * A parsed {@code $evaluate} body. The predictions are those read before the first problem; the
 * problem itself is kept (not thrown) so the request's dataset, task and split are checked first and
 * an earlier record that is unknown in the split can still be named before it.
 *
 * @param predictions valid predictions in submitted order, up to the first problem
 * @param count       number of entries in {@code predictions} as submitted (all of them, valid or not)
 * @param problem     the first record that is malformed, or {@code null}
 */
public record Submission(
        String datasetId,
        String taskId,
        String split,
        String modelName,
        String modelDescription,
        List<Entry> predictions,
        int count,
        RecordProblem problem) {

    /** One valid prediction at its position in the submitted array. */
    public record Entry(int index, String recordId, Prediction prediction) {}

    /** What is wrong with the record at {@code index} ({@code recordId} null when it has none). */
    public record RecordProblem(int index, String recordId, String message) {}
}
