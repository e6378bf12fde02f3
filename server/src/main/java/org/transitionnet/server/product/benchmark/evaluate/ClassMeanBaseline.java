package org.transitionnet.server.product.benchmark.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;

/**
 * Baseline (b): what the train split recorded for the same action class. A record takes the most
 * specific of its classes (its own, then its ancestors) with at least {@value #MIN_GROUP} train records,
 * else all train records: the mean change, the central interval of the group's changes at the task's
 * level, the directions' frequencies as probabilities and the adverse-event rate.
 */
public final class ClassMeanBaseline implements BaselineModel {

    public static final String NAME = "baseline-class-mean";
    public static final int MIN_GROUP = 5;

    private final Map<String, Prediction> byClass;
    private final Prediction overall;
    private final int trainSize;
    private final double level;

    private ClassMeanBaseline(Map<String, Prediction> byClass, Prediction overall, int trainSize, double level) {
        this.byClass = byClass;
        this.overall = overall;
        this.trainSize = trainSize;
        this.level = level;
    }

    /** @param level the task's interval level (e.g. 0.9) */
    public static ClassMeanBaseline fit(List<TrainingRecord> train, double level) {
        Map<String, List<Observed>> groups = new HashMap<>();
        List<Observed> all = new ArrayList<>();
        for (TrainingRecord t : train) {
            all.add(t.label());
            for (String actionClass : t.record().actionClasses()) {
                groups.computeIfAbsent(actionClass, c -> new ArrayList<>()).add(t.label());
            }
        }
        Map<String, Prediction> byClass = new HashMap<>();
        groups.forEach((actionClass, labels) -> {
            if (labels.size() >= MIN_GROUP) {
                byClass.put(actionClass, summary(labels, level));
            }
        });
        return new ClassMeanBaseline(
                byClass, all.isEmpty() ? Prediction.UNINFORMATIVE : summary(all, level), train.size(), level);
    }

    static Prediction summary(List<Observed> labels, double level) {
        int n = labels.size();
        double[] changes = new double[n];
        int[] directions = new int[Metrics.DIRECTIONS.size()];
        int adverse = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Observed l = labels.get(i);
            changes[i] = l.change();
            sum += l.change();
            directions[Metrics.DIRECTIONS.indexOf(l.direction())]++;
            adverse += l.adverseEvent() ? 1 : 0;
        }
        double[] interval = ChangeRule.centralInterval(changes, level);
        return new Prediction(
                (double) directions[0] / n,
                (double) directions[1] / n,
                (double) directions[2] / n,
                sum / n,
                interval[0],
                interval[1],
                (double) adverse / n);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        if (trainSize == 0) {
            return "Mean change per action class: the train split is empty, so it predicts the uninformative stand-in "
                    + "(uniform directions, change 0 in [0, 0], adverse-event probability 0.5).";
        }
        return "Mean change per action class from the train split (" + trainSize
                + " records): the most specific class of the record with at least "
                + MIN_GROUP + " train records, else all of them; interval from the group's " + Math.round(level * 100)
                + " % central quantiles; direction probabilities and adverse-event probability from the group's frequencies.";
    }

    @Override
    public Prediction predict(DatasetRecord record) {
        for (String actionClass : record.actionClasses()) {
            Prediction p = byClass.get(actionClass);
            if (p != null) {
                return p;
            }
        }
        return overall;
    }
}
