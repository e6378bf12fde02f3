package org.transitionnet.server.benchmark;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Benchmark settings.
 *
 * @param tasks                    folder (Spring resource location) of the task files; by default the tasks packaged with the server
 * @param k                        smallest group of subjects sharing released quasi-identifiers (age band, sex) in a dataset
 * @param patientsPerChunk         patients per Batch2 work chunk of a dataset build
 * @param heldOutEvaluations       held-out scorings one client may make per task and dataset version within {@code heldOutWindow}
 * @param heldOutWindow            the window of that limit
 * @param maxPredictions           largest number of predictions one submission may carry
 * @param allowSmallPopulations    whether a build may ask for a smaller k ({@code _k}) or fewer held-out subjects
 *                                 ({@code _minHeldOutSubjects}) than configured; for small test populations only
 */
@ConfigurationProperties("transitionnet.benchmark")
public record BenchmarkProperties(String tasks, Integer k, Integer patientsPerChunk, Integer heldOutEvaluations, Duration heldOutWindow,
		Integer maxPredictions, Boolean allowSmallPopulations) {

	public BenchmarkProperties {
		tasks = tasks == null || tasks.isBlank() ? "classpath:transitionnet/benchmarks/tasks/" : tasks;
		k = k == null ? 5 : k;
		if (k < 1) {
			throw new IllegalArgumentException("transitionnet.benchmark.k must be at least 1");
		}
		patientsPerChunk = patientsPerChunk == null ? 50 : patientsPerChunk;
		heldOutEvaluations = heldOutEvaluations == null ? 5 : heldOutEvaluations;
		heldOutWindow = heldOutWindow == null ? Duration.ofDays(1) : heldOutWindow;
		maxPredictions = maxPredictions == null ? 200_000 : maxPredictions;
		allowSmallPopulations = allowSmallPopulations != null && allowSmallPopulations;
	}
}
