package org.transitionnet.server.product.benchmark.dataset;

import java.util.List;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * Fits the shipped baselines on a version's train split and scores them on tuning and held_out, so
 * every version's card and leaderboard start with reference results. The freezer asks for it and the
 * evaluation provides it, so freezing a version needs nothing else of scoring.
 */
public interface BaselineScorer {

    /**
     * Called by the build once the version's records and labels are written (status still building);
     * idempotent: a re-run for the same dataset replaces its baseline results.
     */
    List<ScoreSummary> scoreBaselines(String datasetId, List<BenchmarkTask> tasks);
}
