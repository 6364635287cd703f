package dev.fnlens.query.aggregate;

import dev.fnlens.query.runtime.Values;
import java.util.Arrays;

/**
 * pct(field, p) and percentile(field, p): exact, over every numeric value, by the nearest-rank method: the smallest
 * value such that at least p% of the values are less than or equal to it. So the answer is always a value that
 * occurred (no interpolation), pct(x, 50) of 1..4 is 2, pct(x, 100) is the max and pct(x, 0) the min.
 */
public final class Percentile implements Accumulator {

    private final double percent;
    private double[] values = new double[16];
    private int n;

    Percentile(double percent) {
        this.percent = percent;
    }

    @Override
    public void add(Object value, long timestamp) {
        if (Values.isNumeric(value)) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = Values.toDouble(value);
        }
    }

    @Override
    public Object result() {
        if (n == 0) {
            return null;
        }
        return select(Arrays.copyOf(values, n), n, percent);
    }

    /**
     * The nearest-rank percentile of the first {@code n} (at least 1) of {@code values}, which it sorts in place; so a
     * store that gathers a group's values itself answers exactly as this accumulator does.
     */
    public static double select(double[] values, int n, double percent) {
        Arrays.sort(values, 0, n);
        return values[rank(percent, n) - 1];
    }

    /** The 1-based nearest rank: ceil(p/100 * n), at least 1. */
    static int rank(double percent, int n) {
        int r = (int) Math.ceil(percent / 100.0 * n - 1e-9);
        return Math.max(1, Math.min(n, r));
    }
}
