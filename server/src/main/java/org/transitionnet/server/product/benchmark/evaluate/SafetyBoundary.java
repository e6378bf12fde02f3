package org.transitionnet.server.product.benchmark.evaluate;

import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;

/**
 * The safety boundary shown with every score: the task's own text, or, for a task of an older version
 * that the catalogue no longer holds, a general statement of the same limits.
 */
public final class SafetyBoundary {

    public static final String GENERAL =
            "Observational, non-randomized research data derived from routinely recorded care. "
                    + "Results compare models; they are not for individual care, diagnosis or treatment decisions.";

    private SafetyBoundary() {}

    public static String of(TaskCatalog tasks, String taskId) {
        return tasks.task(taskId).map(BenchmarkTask::safetyBoundary).orElse(GENERAL);
    }
}
