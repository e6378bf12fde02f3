package org.transitionnet.server.benchmark;

import java.util.List;

/** The names of the benchmark's operations (all at the server level), for the providers, authorization rules and audit. */
public final class BenchmarkOperations {

	/** Kick-off of a dataset build (async, {@code Prefer: respond-async}). */
	public static final String BUILD = "$dataset-build";
	/** Progress and result of a build; {@code DELETE} cancels. */
	public static final String BUILD_STATUS = "$dataset-build-status";
	/** The tasks and the dataset versions with their metadata and file lists. */
	public static final String DATASETS = "$datasets";
	/** One released file of a version. */
	public static final String FILE = "$dataset-file";
	/** The card of a version (JSON or Markdown). */
	public static final String CARD = "$dataset-card";
	/** Scoring of submitted predictions against the labels held on the server. */
	public static final String EVALUATE = "$evaluate";
	/** Scored submissions and baselines per task and version. */
	public static final String LEADERBOARD = "$leaderboard";

	/** Operations that release no record: readable with any non-patient Observation read (user or system). */
	public static final List<String> PUBLIC_READS = List.of(DATASETS, CARD, LEADERBOARD);
	/** Operations that release records or score against labels: system (Backend Services) Observation read. */
	public static final List<String> DATA_ACCESS = List.of(FILE, EVALUATE);
	/** Operations that freeze a new version: system Observation create. */
	public static final List<String> BUILDS = List.of(BUILD, BUILD_STATUS);

	private BenchmarkOperations() {
	}
}
