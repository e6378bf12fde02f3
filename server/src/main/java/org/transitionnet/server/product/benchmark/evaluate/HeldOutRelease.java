package org.transitionnet.server.product.benchmark.evaluate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Turns exact held-out scores into what may be answered, so that answers cannot be inverted into labels
 * (see {@code benchmarks/evaluation.md}, "What a held-out answer reveals"):
 * <ul>
 *   <li>nothing is computed when the held-out split has fewer than {@code minRecords} records;</li>
 *   <li>only the task's declared metrics, each {@linkplain #round rounded} (3 significant digits; an absolute
 *       step of 0.001 below 0.1 in magnitude), with a 95 % percentile bootstrap interval over
 *       {@value #RESAMPLES} resamples of the records, seeded from the submission itself so the same
 *       predictions always get the same interval;</li>
 *   <li>released through the Ladder (Blum &amp; Hardt 2015, "The Ladder: A reliable leaderboard for machine
 *       learning competitions"): a submission's scores are reported only when its primary metric beats the
 *       client's best released one on the same held-out records by more than a step η, the larger of the
 *       rounding step and the bootstrap standard error of the primary metric; the first release must beat the
 *       no-change reference, whose skill is 0 by definition. Otherwise the best released scores are reported
 *       again (or none), so a submission that changes a few records of an earlier one learns nothing new.</li>
 * </ul>
 * Pure arithmetic: no Spring, no database.
 */
public final class HeldOutRelease {

    public static final int RESAMPLES = 1000;
    public static final double INTERVAL_LEVEL = 0.95;
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Below this magnitude a score is rounded to an absolute step of 0.001 instead of to 3 significant digits. */
    static final double ABSOLUTE_BELOW = 0.1;
    /** The primary score of the no-change reference: a skill metric is 0 for it by definition. */
    static final double REFERENCE_SKILL = 0;

    private final int minRecords;
    private final double operatingPoint;

    /** @param minRecords fewest held-out records any score is computed over */
    public HeldOutRelease(int minRecords, double operatingPoint) {
        this.minRecords = minRecords;
        this.operatingPoint = operatingPoint;
    }

    public int minRecords() {
        return minRecords;
    }

    /**
     * A submission's own held-out scores before the ladder: rounded, with intervals.
     *
     * @param primaryExact     the exact primary score (compared on the ladder, never answered); null when it cannot be computed
     * @param primaryStandardError bootstrap standard error of the primary score
     */
    public record Candidate(
            Map<String, Double> metrics,
            Map<String, HeldOutScores.Interval> intervals,
            Double primaryExact,
            double primaryStandardError,
            String withheld) {}

    /**
     * @param declared the task's metrics (only these are released)
     * @param primary  the task's primary metric
     */
    public Candidate candidate(
            List<Observed> labels, Map<String, Prediction> predictions, List<String> declared, String primary) {
        if (labels.size() < minRecords) {
            return new Candidate(
                    Map.of(),
                    Map.of(),
                    null,
                    0,
                    "Held-out scores are withheld: the held-out split of this task has "
                            + labels.size() + " records, fewer than the " + minRecords
                            + " any held-out score is computed over "
                            + "(transitionnet.benchmark.evaluation.min-held-out-aggregate), so an aggregate could reveal single labels. "
                            + "Score on the tuning split.");
        }
        Map<String, Double> exact =
                Metrics.evaluate(labels, predictions, operatingPoint).metrics();
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (String m : declared) {
            if (exact.containsKey(m)) {
                samples.put(m, new double[RESAMPLES]);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed(labels, predictions));
        int n = labels.size();
        List<Observed> resample = new ArrayList<>(n);
        for (int b = 0; b < RESAMPLES; b++) {
            resample.clear();
            for (int i = 0; i < n; i++) {
                resample.add(labels.get(random.nextInt(n)));
            }
            Map<String, Double> scores =
                    Metrics.evaluate(resample, predictions, operatingPoint).metrics();
            for (Map.Entry<String, double[]> e : samples.entrySet()) {
                Double v = scores.get(e.getKey());
                if (v != null) {
                    int k = counts.merge(e.getKey(), 1, Integer::sum) - 1;
                    e.getValue()[k] = v;
                }
            }
        }
        Map<String, Double> rounded = new LinkedHashMap<>();
        Map<String, HeldOutScores.Interval> intervals = new LinkedHashMap<>();
        double primaryError = 0;
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            String m = e.getKey();
            rounded.put(m, round(exact.get(m)));
            int k = counts.getOrDefault(m, 0);
            if (k > 0) {
                double[] values = Arrays.copyOf(e.getValue(), k);
                Arrays.sort(values);
                double tail = (1 - INTERVAL_LEVEL) / 2;
                intervals.put(
                        m,
                        new HeldOutScores.Interval(
                                round(percentile(values, tail)), round(percentile(values, 1 - tail))));
                if (m.equals(primary)) {
                    primaryError = standardDeviation(values);
                }
            }
        }
        return new Candidate(rounded, intervals, exact.get(primary), primaryError, null);
    }

    /**
     * The ladder: what a held-out answer reports, given the submission's candidate scores and the client's best
     * released scores on the same held-out records (empty: none yet, the no-change reference is the bar).
     *
     * @param best the client's best released scores and the submission they came from
     */
    public static HeldOutScores ladder(
            Candidate c, String primary, Optional<HeldOutScores> best, String submissionId, java.time.Instant now) {
        if (c.withheld() != null) {
            return HeldOutScores.withheld(c.withheld());
        }
        double bar = best.map(b -> b.metrics().get(primary)).orElse(REFERENCE_SKILL);
        double step = Math.max(step(bar), c.primaryStandardError());
        boolean higher = MetricOrder.higherIsBetter(primary);
        boolean improved =
                c.primaryExact() != null && (higher ? c.primaryExact() - bar > step : bar - c.primaryExact() > step);
        if (improved) {
            return new HeldOutScores(c.metrics(), c.intervals(), null, true, step, submissionId, now);
        }
        return best.map(b -> new HeldOutScores(
                        b.metrics(), b.intervals(), null, false, step, b.reportedSubmission(), b.reportedAt()))
                .orElseGet(() -> new HeldOutScores(Map.of(), Map.of(), null, false, step, null, null));
    }

    /** A score as released: 3 significant digits, or a step of 0.001 below 0.1 in magnitude. */
    public static double round(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double step = step(value);
        return new BigDecimal(value)
                .divide(BigDecimal.valueOf(step), 0, RoundingMode.HALF_EVEN)
                .multiply(BigDecimal.valueOf(step))
                .doubleValue();
    }

    /** The rounding step at a value: 10^(e − 2) for 3 significant digits, at least 0.001. */
    public static double step(double value) {
        double magnitude = Math.max(Math.abs(value), ABSOLUTE_BELOW);
        int exponent = (int) Math.floor(Math.log10(magnitude));
        return BigDecimal.ONE
                .scaleByPowerOfTen(exponent - (SIGNIFICANT_DIGITS - 1))
                .doubleValue();
    }

    /** The seed of a submission's bootstrap: SHA-256 over its predictions in record order, so equal submissions get equal intervals. */
    static long seed(List<Observed> labels, Map<String, Prediction> predictions) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(7 * Double.BYTES);
        for (Map.Entry<String, Prediction> e : new TreeMap<>(predictions).entrySet()) {
            Prediction p = e.getValue();
            sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            buffer.clear();
            buffer.putDouble(p.improved())
                    .putDouble(p.unchanged())
                    .putDouble(p.worsened())
                    .putDouble(p.change())
                    .putDouble(p.low())
                    .putDouble(p.high())
                    .putDouble(p.adverseEvent());
            sha.update(buffer.array());
        }
        sha.update(Integer.toString(labels.size()).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    /** Linear interpolation between order statistics of sorted values. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(sorted.length - 1, lower + 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static double standardDeviation(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length > 1 ? Math.sqrt(sum / (values.length - 1)) : 0;
    }
}
