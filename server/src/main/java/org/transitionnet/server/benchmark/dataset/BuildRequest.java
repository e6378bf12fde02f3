package org.transitionnet.server.benchmark.dataset;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.transitionnet.server.benchmark.BenchmarkProperties;
import org.transitionnet.server.benchmark.task.BenchmarkTask;
import org.transitionnet.server.benchmark.task.TaskCatalog;

import java.util.List;
import java.util.Map;

/**
 * A checked {@code $dataset-build} request: the tasks (every task when none is named; an unknown one
 * is refused by name), k and the held-out subjects a task needs. Asking for a larger k or more held-out
 * subjects than configured is always allowed; asking for fewer only where
 * {@code transitionnet.benchmark.allow-small-populations} permits (small test populations), so a
 * production server cannot be talked into publishing a small population.
 *
 * @param tasks              requested tasks, in catalogue order, each once
 * @param minHeldOutSubjects held-out subjects every task needs; null: each task's own {@code minHeldOutSubjects}
 */
public record BuildRequest(List<BenchmarkTask> tasks, int k, Integer minHeldOutSubjects) {

	/** The parameters a kick-off takes. */
	public static final List<String> NAMES = List.of("task", "_k", "_minHeldOutSubjects");

	/** @param parameters values by parameter name, as given (query and body together) */
	public static BuildRequest of(Map<String, List<String>> parameters, TaskCatalog catalog, BenchmarkProperties properties) {
		List<BenchmarkTask> tasks = tasks(parameters.getOrDefault("task", List.of()), catalog);
		int k = k(single(parameters, "_k"), properties);
		Integer minHeldOut = minHeldOutSubjects(single(parameters, "_minHeldOutSubjects"), tasks, properties);
		return new BuildRequest(tasks, k, minHeldOut);
	}

	private static List<BenchmarkTask> tasks(List<String> ids, TaskCatalog catalog) {
		if (catalog.tasks().isEmpty()) {
			throw new InvalidRequestException("This server publishes no benchmark task (transitionnet.benchmark.tasks)");
		}
		if (ids.isEmpty()) {
			return catalog.tasks();
		}
		List<String> unknown = ids.stream().filter(id -> catalog.task(id).isEmpty()).distinct().toList();
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("Unknown benchmark task " + String.join(", ", unknown) + "; the tasks are "
					+ catalog.tasks().stream().map(BenchmarkTask::id).toList());
		}
		return catalog.tasks().stream().filter(t -> ids.contains(t.id())).toList();
	}

	private static int k(String value, BenchmarkProperties properties) {
		if (value == null) {
			return properties.k();
		}
		int k = wholeNumber("_k", value);
		if (k < properties.k() && !properties.allowSmallPopulations()) {
			throw new InvalidRequestException("_k below the configured " + properties.k()
					+ " is not allowed on this server (transitionnet.benchmark.allow-small-populations)");
		}
		return k;
	}

	private static Integer minHeldOutSubjects(String value, List<BenchmarkTask> tasks, BenchmarkProperties properties) {
		if (value == null) {
			return null;
		}
		int min = wholeNumber("_minHeldOutSubjects", value);
		for (BenchmarkTask task : tasks) {
			if (min < task.minHeldOutSubjects() && !properties.allowSmallPopulations()) {
				throw new InvalidRequestException("_minHeldOutSubjects below the " + task.minHeldOutSubjects() + " that task " + task.id()
						+ " needs is not allowed on this server (transitionnet.benchmark.allow-small-populations)");
			}
		}
		return min;
	}

	private static String single(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.getOrDefault(name, List.of());
		if (values.size() > 1) {
			throw new InvalidRequestException(name + " may be given once");
		}
		return values.isEmpty() ? null : values.get(0);
	}

	private static int wholeNumber(String name, String value) {
		int n;
		try {
			n = Integer.parseInt(value);
		} catch (NumberFormatException e) {
			throw new InvalidRequestException(name + " must be a whole number, not '" + value + "'");
		}
		if (n < 1) {
			throw new InvalidRequestException(name + " must be at least 1");
		}
		return n;
	}
}
