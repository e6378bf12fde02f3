package org.transitionnet.server.product.benchmark.evaluate;

import java.util.List;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;

/**
 * Baseline (a): nothing changes. Direction unchanged with probability 1, change 0 with the interval
 * [0, 0]; the adverse-event probability is the train split's overall rate (one half without train records),
 * the same for every record.
 */
public final class NoChangeBaseline implements BaselineModel {

    public static final String NAME = "baseline-no-change";

    private final double adverseRate;

    public NoChangeBaseline(List<TrainingRecord> train) {
        this.adverseRate = train.isEmpty()
                ? 0.5
                : (double) train.stream().filter(t -> t.label().adverseEvent()).count() / train.size();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "No change: direction unchanged with probability 1, change 0 with the interval [0, 0]; adverse-event probability "
                + "is the overall rate in the train split.";
    }

    @Override
    public Prediction predict(DatasetRecord record) {
        return new Prediction(0, 1, 0, 0, 0, 0, adverseRate);
    }
}
