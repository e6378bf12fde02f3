package org.transitionnet.server.benchmark.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.transitionnet.server.benchmark.Split;
import org.transitionnet.server.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.benchmark.task.BenchmarkTask;
import org.transitionnet.server.benchmark.task.TaskCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leaderboard of one dataset version: per task and scored split (tuning, held_out), one entry per
 * client and model name — its newest scoring — ranked by the task's first listed metric (in that metric's
 * better direction; entries without it last, ties newest first), baselines among them. Every task carries
 * its safety boundary. Built from stored scores only.
 */
public class Leaderboard {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final List<Split> SCORED = List.of(Split.TUNING, Split.HELD_OUT);

	private final SubmissionStore submissions;
	private final TaskCatalog tasks;

	public Leaderboard(SubmissionStore submissions, TaskCatalog tasks) {
		this.submissions = submissions;
		this.tasks = tasks;
	}

	/** @param taskId one task of the version, or {@code null} for all of them */
	public ObjectNode of(DatasetVersion version, String taskId) {
		ObjectNode board = JSON.createObjectNode();
		ObjectNode dataset = board.putObject("dataset");
		dataset.put("datasetId", version.datasetId());
		dataset.put("semver", version.semver());
		dataset.put("createdAt", version.createdAt() == null ? null : version.createdAt().toString());
		List<StoredSubmission> all = submissions.of(version.datasetId(), taskId);
		ArrayNode taskNodes = board.putArray("tasks");
		for (String id : version.taskIds()) {
			if (taskId != null && !taskId.equals(id)) {
				continue;
			}
			taskNodes.add(task(version, id, all.stream().filter(s -> s.taskId().equals(id)).toList()));
		}
		return board;
	}

	private ObjectNode task(DatasetVersion version, String taskId, List<StoredSubmission> scored) {
		Optional<BenchmarkTask> task = tasks.task(taskId);
		List<String> metrics = task.map(BenchmarkTask::metrics).filter(m -> !m.isEmpty()).orElse(Metrics.ALL);
		String rankedBy = metrics.get(0);
		ObjectNode node = JSON.createObjectNode();
		node.put("task", taskId);
		node.put("taskVersion", version.taskVersions().get(taskId));
		node.put("title", task.map(BenchmarkTask::title).orElse(taskId));
		node.put("rankedBy", rankedBy);
		ArrayNode metricNodes = node.putArray("metrics");
		for (String metric : metrics) {
			metricNodes.addObject().put("name", metric).put("order", MetricOrder.describe(metric));
		}
		node.put("safetyBoundary", SafetyBoundary.of(tasks, taskId));
		ObjectNode splits = node.putObject("splits");
		for (Split split : SCORED) {
			ArrayNode entries = splits.putArray(split.code());
			int rank = 1;
			for (StoredSubmission s : ranked(scored.stream().filter(x -> x.split().equals(split.code())).toList(), rankedBy)) {
				ObjectNode entry = SubmissionJson.of(s);
				entry.put("rank", rank++);
				entries.add(entry);
			}
		}
		return node;
	}

	/** Newest scoring per client and model name, best first by {@code metric}. */
	static List<StoredSubmission> ranked(List<StoredSubmission> scored, String metric) {
		Map<String, StoredSubmission> newest = new LinkedHashMap<>();
		for (StoredSubmission s : scored) {
			newest.merge(s.clientId() + "\u0000" + s.modelName(), s, (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
		}
		boolean higher = MetricOrder.higherIsBetter(metric);
		Comparator<StoredSubmission> byMetric = (a, b) -> {
			Double x = a.evaluation().metrics().get(metric);
			Double y = b.evaluation().metrics().get(metric);
			if (x == null || y == null) {
				return x == null ? (y == null ? 0 : 1) : -1;
			}
			return higher ? Double.compare(y, x) : Double.compare(x, y);
		};
		List<StoredSubmission> entries = new ArrayList<>(newest.values());
		entries.sort(byMetric.thenComparing(StoredSubmission::createdAt, Comparator.reverseOrder())
				.thenComparing(StoredSubmission::submissionId));
		return entries;
	}
}
