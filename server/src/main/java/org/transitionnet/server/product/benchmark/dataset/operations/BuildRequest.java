package org.transitionnet.server.product.benchmark.dataset.operations;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.BenchmarkProperties;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;

/**
 * A checked {@code $dataset-build} request: the tasks (every task when none is named; an unknown one
 * is refused by name), k and the held-out subjects and records a task needs. k is a server policy:
 * {@code _k} may raise it above {@code transitionnet.benchmark.k}, never lower it. Asking for more
 * held-out subjects or records than configured is always allowed; asking for fewer only where
 * {@code transitionnet.benchmark.allow-demonstration-versions} permits, and the version is then a
 * demonstration, not a benchmark (marked so on its card, in the listing and on the leaderboard).
 *
 * @param tasks              requested tasks, in catalogue order, each once
 * @param minHeldOutSubjects held-out subjects every task needs; null: each task's own {@code minHeldOutSubjects}
 * @param minHeldOutRecords  held-out records every task needs; null: the server's {@code min-held-out-records} or the
 *                           task's own, whichever is larger
 * @param demonstration      whether a threshold was lowered below the configured one
 * @param setValuedM         m of k^m over each subject's action classes, state variables and record count; below the
 *                           server's only in a demonstration
 */
public record BuildRequest(
        List<BenchmarkTask> tasks,
        int k,
        Integer minHeldOutSubjects,
        Integer minHeldOutRecords,
        boolean demonstration,
        int setValuedM) {

    /** The parameters a kick-off takes. */
    public static final List<String> NAMES = List.of("task", "_k", "_m", "_minHeldOutSubjects", "_minHeldOutRecords");

    /**
     * @param parameters values by parameter name, as given (query and body together)
     * @param serverM    the server's m of k^m ({@code transitionnet.release.set-valued-m}); a smaller {@code _m} makes
     *                   a demonstration
     */
    public static BuildRequest of(
            Map<String, List<String>> parameters, TaskCatalog catalog, BenchmarkProperties properties, int serverM) {
        List<BenchmarkTask> tasks = tasks(parameters.getOrDefault("task", List.of()), catalog);
        int k = k(single(parameters, "_k"), properties);
        Integer minHeldOut = wholeNumberOrNull("_minHeldOutSubjects", single(parameters, "_minHeldOutSubjects"));
        Integer minRecords = wholeNumberOrNull("_minHeldOutRecords", single(parameters, "_minHeldOutRecords"));
        int m = m(single(parameters, "_m"), serverM);
        boolean demonstration = m < serverM;
        for (BenchmarkTask task : tasks) {
            demonstration |= minHeldOut != null && minHeldOut < task.minHeldOutSubjects();
            demonstration |= minRecords != null && minRecords < minHeldOutRecords(task, properties);
        }
        if (demonstration && !properties.allowDemonstrationVersions()) {
            throw new InvalidRequestException(
                    "_m below the server's, or _minHeldOutSubjects or _minHeldOutRecords below what a task needs (at least "
                            + properties.minHeldOutRecords()
                            + " held-out records, transitionnet.benchmark.min-held-out-records) makes a "
                            + "demonstration version, which this server does not build (transitionnet.benchmark.allow-demonstration-versions)");
        }
        return new BuildRequest(tasks, k, minHeldOut, minRecords, demonstration, m);
    }

    /** The held-out records a task needs unless a demonstration lowers it: the server's minimum or the task's own, whichever is larger. */
    public static int minHeldOutRecords(BenchmarkTask task, BenchmarkProperties properties) {
        return Math.max(properties.minHeldOutRecords(), task.minHeldOutRecords());
    }

    private static Integer wholeNumberOrNull(String name, String value) {
        return value == null ? null : wholeNumber(name, value);
    }

    private static List<BenchmarkTask> tasks(List<String> ids, TaskCatalog catalog) {
        if (catalog.tasks().isEmpty()) {
            throw new InvalidRequestException(
                    "This server publishes no benchmark task (transitionnet.benchmark.tasks)");
        }
        if (ids.isEmpty()) {
            return catalog.tasks();
        }
        List<String> unknown =
                ids.stream().filter(id -> catalog.task(id).isEmpty()).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(
                    "Unknown benchmark task " + String.join(", ", unknown) + "; the tasks are "
                            + catalog.tasks().stream().map(BenchmarkTask::id).toList());
        }
        return catalog.tasks().stream().filter(t -> ids.contains(t.id())).toList();
    }

    private static int k(String value, BenchmarkProperties properties) {
        if (value == null) {
            return properties.k();
        }
        int k = wholeNumber("_k", value);
        if (k < properties.k()) {
            throw new InvalidRequestException("_k may only raise k above this server's " + properties.k()
                    + " (transitionnet.benchmark.k), never lower it");
        }
        return k;
    }

    private static int m(String value, int serverM) {
        if (value == null) {
            return serverM;
        }
        int m;
        try {
            m = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("_m must be a whole number, not '" + value + "'");
        }
        if (m < 0 || m > 3) {
            throw new InvalidRequestException("_m must be 0, 1, 2 or 3");
        }
        return m;
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
