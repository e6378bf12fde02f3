package org.transitionnet.server.benchmark.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of a scored submission as {@code $evaluate} answers it and the leaderboard lists it:
 * who, which model, where, the counts, the metrics and the reliability table. Built from a
 * {@link StoredSubmission} alone, which holds no prediction and no label, so no answer can carry a
 * record's label or whether a record was predicted right.
 */
public final class SubmissionJson {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SubmissionJson() {
	}

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
		node.put("predicted", s.evaluation().predicted());
		node.put("missing", s.evaluation().missing());
		node.set("metrics", EvaluationJson.metrics(s.evaluation()));
		node.set("reliability", EvaluationJson.reliability(s.evaluation()));
		return node;
	}
}
