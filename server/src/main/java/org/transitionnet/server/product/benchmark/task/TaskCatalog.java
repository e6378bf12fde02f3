package org.transitionnet.server.product.benchmark.task;

import java.util.List;
import java.util.Optional;

/**
 * The benchmark tasks the server publishes, in id order, all under one split rule. Its
 * {@link #version()} names the set: it changes whenever a task is added, removed or versioned.
 */
public final class TaskCatalog {

    private final List<BenchmarkTask> tasks;

    public TaskCatalog(List<BenchmarkTask> tasks) {
        this.tasks = tasks.stream()
                .sorted(java.util.Comparator.comparing(BenchmarkTask::id))
                .toList();
    }

    public List<BenchmarkTask> tasks() {
        return tasks;
    }

    public Optional<BenchmarkTask> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The split rule every task shares; null when there are no tasks. */
    public SplitRule splitRule() {
        return tasks.isEmpty() ? null : tasks.get(0).split();
    }
}
