package org.transitionnet.server.product.benchmark.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.metric.MetricRegistry;

/**
 * The benchmark's metrics, computed the same way for every submission and baseline so scores are
 * comparable. Pure arithmetic: no Spring, no database.
 * <p>
 * Every record of the split is scored. A record without a prediction ({@code missing}) is scored with
 * {@link Prediction#UNINFORMATIVE} (uniform directions, change 0 with the interval [0, 0], adverse-event
 * probability 0.5) and, for the metrics that make a decision, as a miss: it has no top label (never
 * right), its interval covers nothing, and it never flags an adverse event. Leaving a record out is
 * therefore never better than submitting the stand-in.
 * <ul>
 *   <li>{@code directional-accuracy}: share of records whose most probable direction is the recorded one;
 *       ties between probabilities go to the direction listed first in {@link #DIRECTIONS} (improved,
 *       unchanged, worsened).</li>
 *   <li>{@code balanced-accuracy}: mean recall over the directions present in the labels.</li>
 *   <li>{@code mae}: mean absolute error of the change.</li>
 *   <li>{@code mae-skill}: 1 − MAE / MAE of the no-change reference (change 0) on the same records: 0 for no
 *       change, 1 for a perfect change, negative when worse than no change; absent when every recorded change is 0.</li>
 *   <li>{@code interval-coverage}: share of records whose recorded change lies in the interval (ends included);
 *       {@code interval-width}: mean width of the intervals.</li>
 *   <li>{@code ece}: expected calibration error of the top-label confidence over {@link #BINS} equal-width
 *       bins {@code [k/10, (k+1)/10)} (the last includes 1): sum over bins of (bin count / records) times
 *       |accuracy − mean confidence|; the bins are the reliability table.</li>
 *   <li>{@code brier}: multiclass Brier score, the mean over records of the squared distance between the
 *       three probabilities and the one-hot recorded direction (0 best, 2 worst).</li>
 *   <li>{@code auroc}: area under the ROC curve of the adverse-event probability (Mann–Whitney: the share
 *       of (event, no event) pairs where the event's probability is higher, ties counted one half);
 *       absent when the labels hold one class only.</li>
 *   <li>{@code recall-at-operating-point}: share of records with an adverse event whose probability is at
 *       least the operating point (0.5 unless configured); absent when no record had an event.</li>
 * </ul>
 * A split without records has no metrics at all.
 */
public final class Metrics {

    public static final List<String> DIRECTIONS = List.of("improved", "unchanged", "worsened");
    public static final String DIRECTIONAL_ACCURACY = MetricRegistry.DIRECTIONAL_ACCURACY.name();
    public static final String BALANCED_ACCURACY = MetricRegistry.BALANCED_ACCURACY.name();
    public static final String MAE = MetricRegistry.MAE.name();
    public static final String MAE_SKILL = MetricRegistry.MAE_SKILL.name();
    public static final String INTERVAL_COVERAGE = MetricRegistry.INTERVAL_COVERAGE.name();
    public static final String INTERVAL_WIDTH = MetricRegistry.INTERVAL_WIDTH.name();
    public static final String ECE = MetricRegistry.ECE.name();
    public static final String BRIER = MetricRegistry.BRIER.name();
    public static final String AUROC = MetricRegistry.AUROC.name();
    public static final String RECALL = MetricRegistry.RECALL.name();
    /** Every metric, in the order answers list them (read from {@link MetricRegistry}). */
    public static final List<String> ALL = MetricRegistry.names();

    public static final int BINS = 10;
    public static final double DEFAULT_OPERATING_POINT = 0.5;

    private Metrics() {}

    /**
     * @param labels         every record of the split
     * @param predictions    by record id; a record of {@code labels} without an entry is missing (entries for other
     *                       records are ignored: callers reject them first)
     * @param operatingPoint adverse-event probability from which a record counts as flagged
     */
    public static Evaluation evaluate(
            List<Observed> labels, Map<String, Prediction> predictions, double operatingPoint) {
        int n = labels.size();
        int[] classCount = new int[DIRECTIONS.size()];
        int[] classHits = new int[DIRECTIONS.size()];
        int[] binCount = new int[BINS];
        double[] binConfidence = new double[BINS];
        int[] binHits = new int[BINS];
        double[] adverseScores = new double[n];
        boolean[] adverseLabels = new boolean[n];
        int hits = 0;
        int covered = 0;
        int positives = 0;
        int flagged = 0;
        int predicted = 0;
        double absoluteError = 0;
        double referenceError = 0;
        double width = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            Observed label = labels.get(i);
            int truth = DIRECTIONS.indexOf(label.direction());
            if (truth < 0) {
                throw new IllegalArgumentException("record " + label.recordId() + " has no known direction");
            }
            Prediction given = predictions.get(label.recordId());
            boolean missing = given == null;
            Prediction p = missing ? Prediction.UNINFORMATIVE : given;
            if (!missing) {
                predicted++;
            }
            boolean right = !missing && topLabel(p) == truth;
            classCount[truth]++;
            if (right) {
                hits++;
                classHits[truth]++;
            }
            absoluteError += Math.abs(p.change() - label.change());
            referenceError += Math.abs(label.change());
            if (!missing && p.low() <= label.change() && label.change() <= p.high()) {
                covered++;
            }
            width += p.high() - p.low();
            double confidence = Math.max(p.improved(), Math.max(p.unchanged(), p.worsened()));
            int bin = bin(confidence);
            binCount[bin]++;
            binConfidence[bin] += confidence;
            if (right) {
                binHits[bin]++;
            }
            for (int k = 0; k < DIRECTIONS.size(); k++) {
                double d = p.probability(k) - (k == truth ? 1 : 0);
                brier += d * d;
            }
            adverseScores[i] = p.adverseEvent();
            adverseLabels[i] = label.adverseEvent();
            if (label.adverseEvent()) {
                positives++;
                if (!missing && p.adverseEvent() >= operatingPoint) {
                    flagged++;
                }
            }
        }
        List<ReliabilityBin> reliability = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            double lower = (double) b / BINS;
            double upper = (double) (b + 1) / BINS;
            if (binCount[b] == 0) {
                reliability.add(new ReliabilityBin(lower, upper, 0, null, null));
                continue;
            }
            double meanConfidence = binConfidence[b] / binCount[b];
            double accuracy = (double) binHits[b] / binCount[b];
            reliability.add(new ReliabilityBin(lower, upper, binCount[b], meanConfidence, accuracy));
            ece += (double) binCount[b] / n * Math.abs(accuracy - meanConfidence);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (n > 0) {
            if (referenceError > 0) {
                metrics.put(MAE_SKILL, 1 - absoluteError / referenceError);
            }
            metrics.put(DIRECTIONAL_ACCURACY, (double) hits / n);
            double recallSum = 0;
            int present = 0;
            for (int k = 0; k < DIRECTIONS.size(); k++) {
                if (classCount[k] > 0) {
                    recallSum += (double) classHits[k] / classCount[k];
                    present++;
                }
            }
            metrics.put(BALANCED_ACCURACY, recallSum / present);
            metrics.put(MAE, absoluteError / n);
            metrics.put(INTERVAL_COVERAGE, (double) covered / n);
            metrics.put(INTERVAL_WIDTH, width / n);
            metrics.put(ECE, ece);
            metrics.put(BRIER, brier / n);
            if (positives > 0 && positives < n) {
                metrics.put(AUROC, auroc(adverseScores, adverseLabels, positives));
            }
            if (positives > 0) {
                metrics.put(RECALL, (double) flagged / positives);
            }
        }
        return new Evaluation(metrics, reliability, predicted, n - predicted);
    }

    /** The most probable direction; ties go to the one listed first in {@link #DIRECTIONS}. */
    public static int topLabel(Prediction p) {
        int best = 0;
        for (int k = 1; k < DIRECTIONS.size(); k++) {
            if (p.probability(k) > p.probability(best)) {
                best = k;
            }
        }
        return best;
    }

    /** The reliability bin of a confidence: {@code [k/10, (k+1)/10)}, 1 in the last bin. */
    static int bin(double confidence) {
        return Math.min(BINS - 1, Math.max(0, (int) Math.floor(confidence * BINS)));
    }

    /** Mann–Whitney U over mid-ranks (ties count one half), divided by the number of pairs. */
    static double auroc(double[] scores, boolean[] positive, int positives) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            // Ranks i+1 .. j+1 share their mean.
            double midRank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += midRank;
                }
            }
            i = j + 1;
        }
        double negatives = n - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }
}
