package org.transitionnet.server.product.benchmark.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * Baseline (c): ordinary least squares (Apache Commons Math) of the change on the {@link RegressionFeatures}
 * of the train split. Columns are standardized on train; a column constant on train is left out, and
 * further columns are taken in order only while the design stays of full rank (collinear ones are left
 * out) and has fewer columns than records. The interval is the predicted change plus the central
 * quantiles of the train residuals; the direction probabilities are the shares of predicted change plus
 * each train residual that the catalogue's rule calls improved, unchanged or worsened; the adverse-event
 * probability is that of the {@link ClassMeanBaseline}. When not even one column can be fitted it predicts
 * what the class-mean baseline does, and its description says so.
 */
public final class RegressionBaseline implements BaselineModel {

    public static final String NAME = "baseline-linear-regression";
    /** A QR pivot below this (on standardized columns) counts as singular. */
    static final double SINGULARITY = 1e-8;

    private final RegressionFeatures features;
    private final int[] columns;
    private final double[] centers;
    private final double[] scales;
    private final double[] beta;
    private final double[] residuals;
    private final double[] residualInterval;
    private final ChangeRule rule;
    private final ClassMeanBaseline fallback;
    private final String description;

    private RegressionBaseline(
            RegressionFeatures features,
            int[] columns,
            double[] centers,
            double[] scales,
            double[] beta,
            double[] residuals,
            double level,
            ChangeRule rule,
            ClassMeanBaseline fallback,
            String description) {
        this.features = features;
        this.columns = columns;
        this.centers = centers;
        this.scales = scales;
        this.beta = beta;
        this.residuals = residuals;
        this.residualInterval = residuals == null ? null : ChangeRule.centralInterval(residuals, level);
        this.rule = rule;
        this.fallback = fallback;
        this.description = description;
    }

    public static RegressionBaseline fit(
            List<TrainingRecord> train, BenchmarkTask task, ChangeRule rule, ClassMeanBaseline fallback) {
        RegressionFeatures features = RegressionFeatures.fit(train, task);
        int n = train.size();
        int p = features.names().size();
        double[][] all = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = features.row(train.get(i).record());
            y[i] = train.get(i).label().change();
        }
        double[] centers = new double[p];
        double[] scales = new double[p];
        List<String> constant = new ArrayList<>();
        List<String> collinear = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        OLSMultipleLinearRegression fitted = null;
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += all[i][j];
            }
            mean = n == 0 ? 0 : mean / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                squares += (all[i][j] - mean) * (all[i][j] - mean);
            }
            centers[j] = mean;
            scales[j] = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
            if (scales[j] == 0) {
                constant.add(features.names().get(j));
                continue;
            }
            // OLS with an intercept needs more records than columns + 1.
            if (n <= kept.size() + 2) {
                collinear.add(features.names().get(j));
                continue;
            }
            List<Integer> trial = new ArrayList<>(kept);
            trial.add(j);
            OLSMultipleLinearRegression ols = ols(all, y, trial, centers, scales);
            if (ols == null) {
                collinear.add(features.names().get(j));
            } else {
                kept.add(j);
                fitted = ols;
            }
        }
        String level = Math.round(task.intervalLevel() * 100) + " %";
        if (fitted == null) {
            return new RegressionBaseline(
                    features,
                    null,
                    centers,
                    scales,
                    null,
                    null,
                    task.intervalLevel(),
                    rule,
                    fallback,
                    "Linear regression of the change on the baseline inputs: no input could be fitted on the train split ("
                            + n + " records; constant: " + constant + "), so it predicts what " + ClassMeanBaseline.NAME
                            + " does.");
        }
        int[] columns = kept.stream().mapToInt(Integer::intValue).toArray();
        List<String> used = kept.stream().map(features.names()::get).toList();
        String description = "Linear regression (ordinary least squares, Apache Commons Math) of the change on " + used
                + " (standardized), fitted on "
                + n + " train records" + (constant.isEmpty() ? "" : "; left out as constant on train: " + constant)
                + (collinear.isEmpty() ? "" : "; left out as collinear or beyond the records: " + collinear)
                + ". Missing inputs take the train mean and a missing indicator. Interval: predicted change plus the train residuals' "
                + level
                + " central quantiles; direction probabilities: shares of predicted change plus each train residual that the catalogue's "
                + "minimal meaningful change and desirable direction call improved, unchanged or worsened; adverse-event probability "
                + "from " + ClassMeanBaseline.NAME + ".";
        return new RegressionBaseline(
                features,
                columns,
                centers,
                scales,
                fitted.estimateRegressionParameters(),
                fitted.estimateResiduals(),
                task.intervalLevel(),
                rule,
                fallback,
                description);
    }

    /** The fit on these columns, or null when the design is singular or too small. */
    private static OLSMultipleLinearRegression ols(
            double[][] all, double[] y, List<Integer> columns, double[] centers, double[] scales) {
        double[][] x = new double[all.length][columns.size()];
        for (int i = 0; i < all.length; i++) {
            for (int k = 0; k < columns.size(); k++) {
                int j = columns.get(k);
                x[i][k] = (all[i][j] - centers[j]) / scales[j];
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(SINGULARITY);
        try {
            ols.newSampleData(y, x);
            ols.estimateRegressionParameters();
            return ols;
        } catch (MathIllegalArgumentException e) {
            // SingularMatrixException (collinear) or too few records for the columns.
            return null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Prediction predict(DatasetRecord record) {
        Prediction classMean = fallback.predict(record);
        if (beta == null) {
            return classMean;
        }
        double[] row = features.row(record);
        double change = beta[0];
        for (int k = 0; k < columns.length; k++) {
            int j = columns[k];
            change += beta[k + 1] * (row[j] - centers[j]) / scales[j];
        }
        int[] directions = new int[Metrics.DIRECTIONS.size()];
        for (double r : residuals) {
            directions[rule.direction(change + r)]++;
        }
        double n = residuals.length;
        return new Prediction(
                directions[0] / n,
                directions[1] / n,
                directions[2] / n,
                change,
                change + residualInterval[0],
                change + residualInterval[1],
                classMean.adverseEvent());
    }
}
