package org.transitionnet.server.product.benchmark;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Benchmark settings.
 *
 * @param tasks                    folder (Spring resource location) of the task files; by default the tasks packaged with the server
 * @param k                        smallest group of subjects sharing released quasi-identifiers (age band, sex) in a dataset
 * @param patientsPerChunk         patients per Batch2 work chunk of a dataset build
 *                                 (a build's {@code _k} may only raise it; nothing lets a requester lower it)
 * @param heldOutEvaluations       held-out scorings one client may make of each held-out record within {@code heldOutWindow},
 *                                 counted across every dataset version holding the record
 * @param heldOutWindow            the window of that limit
 * @param heldOutDailyCap          held-out scorings one client may make within a day across all versions and tasks
 * @param maxPredictions           largest number of predictions one submission may carry
 * @param minHeldOutRecords        a task is published only with at least this many held-out records (a task file may ask for
 *                                 more, never fewer)
 * @param allowDemonstrationVersions whether a build may ask for fewer held-out records ({@code _minHeldOutRecords}) or
 *                                 subjects ({@code _minHeldOutSubjects}) than configured; such a version is stored and marked as
 *                                 a demonstration, not a benchmark (quick start and tests with small populations)
 */
@ConfigurationProperties("transitionnet.benchmark")
public record BenchmarkProperties(
        String tasks,
        Integer k,
        Integer patientsPerChunk,
        Integer heldOutEvaluations,
        Duration heldOutWindow,
        Integer heldOutDailyCap,
        Integer maxPredictions,
        Integer minHeldOutRecords,
        Boolean allowDemonstrationVersions) {

    public BenchmarkProperties {
        tasks = tasks == null || tasks.isBlank() ? "classpath:transitionnet/benchmarks/tasks/" : tasks;
        k = k == null ? 5 : k;
        if (k < 1) {
            throw new IllegalArgumentException("transitionnet.benchmark.k must be at least 1");
        }
        patientsPerChunk = patientsPerChunk == null ? 50 : patientsPerChunk;
        heldOutEvaluations = heldOutEvaluations == null ? 5 : heldOutEvaluations;
        heldOutWindow = heldOutWindow == null ? Duration.ofDays(1) : heldOutWindow;
        heldOutDailyCap = heldOutDailyCap == null ? 20 : heldOutDailyCap;
        maxPredictions = maxPredictions == null ? 200_000 : maxPredictions;
        minHeldOutRecords = minHeldOutRecords == null ? 50 : minHeldOutRecords;
        if (minHeldOutRecords < 1) {
            throw new IllegalArgumentException("transitionnet.benchmark.min-held-out-records must be at least 1");
        }
        allowDemonstrationVersions = allowDemonstrationVersions != null && allowDemonstrationVersions;
    }
}
