package org.transitionnet.server.product.benchmark.evaluate;

import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;

/** A baseline fitted on a version's train split: predicts a record from its released inputs alone. */
public interface BaselineModel {

    /** The model name on the leaderboard. */
    String name();

    /** What the model does, stated with the leaderboard entry (including any fallback it took). */
    String description();

    Prediction predict(DatasetRecord record);
}
