package org.transitionnet.server.product.benchmark.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of a scored submission as {@code $evaluate} answers it and the leaderboard lists it:
 * who, which model, where, and the scores. On tuning: the counts, the exact metrics and the reliability
 * table. On held_out only the {@link HeldOutScores}: the declared metrics rounded, their bootstrap
 * intervals and the ladder's decision; no counts, no reliability table, never the exact scores. Built from a
 * {@link StoredSubmission} alone, which holds no prediction and no label.
 */
public final class SubmissionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionJson() {}

    public static ObjectNode of(StoredSubmission s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("submissionId", s.submissionId());
        node.put("dataset", s.datasetId());
        node.put("task", s.taskId());
        node.put("split", s.split());
        ObjectNode model = node.putObject("model");
        model.put("name", s.modelName());
        model.put("description", s.modelDescription());
        node.put("client", s.clientId());
        node.put("baseline", s.baseline());
        node.put("createdAt", s.createdAt().toString());
        if (s.isHeldOut()) {
            heldOut(node, s);
            return node;
        }
        node.put("predicted", s.evaluation().predicted());
        node.put("missing", s.evaluation().missing());
        node.set("metrics", EvaluationJson.metrics(s.evaluation()));
        node.set("reliability", EvaluationJson.reliability(s.evaluation()));
        return node;
    }

    private static void heldOut(ObjectNode node, StoredSubmission s) {
        HeldOutScores h = s.heldOut() != null
                ? s.heldOut()
                : HeldOutScores.withheld("Scored before held-out answers were rounded; its scores are not shown.");
        ObjectNode metrics = node.putObject("metrics");
        h.metrics().forEach(metrics::put);
        node.set("intervals", EvaluationJson.intervals(h));
        ObjectNode release = node.putObject("heldOutRelease");
        release.put("rounding", "3 significant digits; an absolute step of 0.001 below 0.1 in magnitude");
        release.put(
                "interval",
                "95 % percentile bootstrap over " + HeldOutRelease.RESAMPLES
                        + " resamples of the held-out records, seeded from the submission");
        if (h.withheld() != null) {
            release.put("withheld", h.withheld());
            return;
        }
        if (s.baseline()) {
            return;
        }
        release.put("released", h.released());
        if (h.released()) {
            // The step depends on this submission's errors: answered (rounded) only beside the scores it released.
            release.put("step", HeldOutRelease.round(h.step()));
        }
        release.put("reportedSubmission", h.reportedSubmission());
        if (h.released()) {
            release.put(
                    "message",
                    "These scores beat this client's best released scores on these held-out records by more than the step.");
        } else if (h.reportedSubmission() != null) {
            release.put(
                    "message",
                    "This submission did not improve on this client's best released primary score on these held-out records "
                            + "by more than the step; those scores (of submission " + h.reportedSubmission()
                            + ") are reported again.");
        } else {
            release.put(
                    "message",
                    "This submission did not improve on the no-change reference (primary score 0) by more than the step; "
                            + "no held-out scores are released for it.");
        }
    }
}
