package org.transitionnet.server.product.benchmark.evaluate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;

/**
 * The regression baseline's design columns from a record's released inputs: the target's baseline
 * value, the age band's midpoint ("90+" counts as 92.5), male sex, sex other or withheld, and each of the
 * task's baseline inputs. Every numeric column has a missing indicator; a missing value takes the train
 * mean, so a record never lacks a column.
 */
public final class RegressionFeatures {

    static final double OLDEST_BAND_MIDPOINT = 92.5;
    private static final Pattern BAND = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern OPEN_BAND = Pattern.compile("(\\d+)\\+");

    private final List<String> inputs;
    private final List<String> names = new ArrayList<>();
    /** Train means of the numeric values (baseline, age, inputs), for imputation. */
    private final double[] means;

    private RegressionFeatures(List<String> inputs, double[] means) {
        this.inputs = inputs;
        this.means = means;
        names.add("baseline");
        names.add("baseline-missing");
        names.add("age-band-midpoint");
        names.add("age-band-missing");
        names.add("sex-male");
        names.add("sex-other-or-withheld");
        for (String v : inputs) {
            names.add(v);
            names.add(v + "-missing");
        }
    }

    public static RegressionFeatures fit(List<TrainingRecord> train, BenchmarkTask task) {
        List<String> inputs =
                task.baselineInputs().stream().map(InputVariable::variable).toList();
        int values = 2 + inputs.size();
        double[] sums = new double[values];
        int[] counts = new int[values];
        for (TrainingRecord t : train) {
            Double[] raw = raw(t.record(), inputs);
            for (int i = 0; i < values; i++) {
                if (raw[i] != null) {
                    sums[i] += raw[i];
                    counts[i]++;
                }
            }
        }
        double[] means = new double[values];
        for (int i = 0; i < values; i++) {
            means[i] = counts[i] == 0 ? 0 : sums[i] / counts[i];
        }
        return new RegressionFeatures(inputs, means);
    }

    public List<String> names() {
        return names;
    }

    /** The record's row, in {@link #names()} order. */
    public double[] row(DatasetRecord r) {
        Double[] raw = raw(r, inputs);
        double[] row = new double[names.size()];
        int column = 0;
        for (int i = 0; i < raw.length; i++) {
            if (i == 2) {
                String sex = r.sex();
                row[column++] = "male".equals(sex) ? 1 : 0;
                row[column++] = "male".equals(sex) || "female".equals(sex) ? 0 : 1;
            }
            row[column++] = raw[i] == null ? means[i] : raw[i];
            row[column++] = raw[i] == null ? 1 : 0;
        }
        return row;
    }

    /** Baseline, age midpoint, then the inputs; null where absent. */
    private static Double[] raw(DatasetRecord r, List<String> inputs) {
        Double[] raw = new Double[2 + inputs.size()];
        raw[0] = r.baseline() == null ? null : value(r.baseline().value());
        raw[1] = ageMidpoint(r.ageBand());
        for (int i = 0; i < inputs.size(); i++) {
            DatasetRecord.Measurement m = r.inputs().get(inputs.get(i));
            raw[2 + i] = m == null ? null : value(m.value());
        }
        return raw;
    }

    private static Double value(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    /** "50-59" → 54.5, "90+" → 92.5, anything else (a dropped or unknown band) → null. */
    static Double ageMidpoint(String band) {
        if (band == null) {
            return null;
        }
        Matcher m = BAND.matcher(band.strip());
        if (m.matches()) {
            return (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))) / 2.0;
        }
        return OPEN_BAND.matcher(band.strip()).matches() ? OLDEST_BAND_MIDPOINT : null;
    }
}
