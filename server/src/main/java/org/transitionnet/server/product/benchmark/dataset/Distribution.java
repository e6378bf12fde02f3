package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collection;

/**
 * The summary of a numeric distribution a dataset card shows: count, mean, sample standard deviation
 * and quartiles. Quartiles interpolate linearly between order statistics (Hyndman and Fan type 7, the
 * default of R, NumPy and pandas), so a reader can reproduce them from the released files. No minimum
 * or maximum: extremes single out subjects.
 */
public record Distribution(int n, Double mean, Double sd, Double q1, Double median, Double q3) {

    /** Decimal places the card shows. */
    static final int SCALE = 4;

    public static Distribution of(Collection<? extends Number> values) {
        double[] x = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = x.length;
        if (n == 0) {
            return new Distribution(0, null, null, null, null, null);
        }
        double mean = Arrays.stream(x).sum() / n;
        Double sd = null;
        if (n > 1) {
            double squares = 0;
            for (double v : x) {
                squares += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(squares / (n - 1));
        }
        return new Distribution(n, mean, sd, quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75));
    }

    /** Type-7 quantile of sorted values: h = (n - 1) p, interpolated between the neighbouring order statistics. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("n", n);
        put(node, "mean", mean);
        put(node, "sd", sd);
        put(node, "q1", q1);
        put(node, "median", median);
        put(node, "q3", q3);
        return node;
    }

    /** A value as the card shows it: rounded half up to {@link #SCALE} places, without trailing zeros. */
    static BigDecimal rounded(double value) {
        BigDecimal d =
                BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static void put(ObjectNode node, String name, Double value) {
        if (value != null) {
            node.put(name, rounded(value));
        }
    }
}
