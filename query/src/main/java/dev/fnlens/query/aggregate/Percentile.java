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
     * The nearest-rank percentile of the first {@code n} (at least 1) of {@code values}, which it reorders; so a store
     * that gathers a group's values itself answers exactly as this accumulator does. The value is the one sorting
     * would put at that rank ({@link Double#compare} order: -0 before 0, NaN last), found by selection in linear time.
     */
    public static double select(double[] values, int n, double percent) {
        int k = rank(percent, n) - 1;
        int lo = 0;
        int hi = n - 1;
        int rounds = 0;
        while (lo < hi) {
            if (++rounds > 64) { // an unlucky run of pivots: sorting what is left bounds the time
                Arrays.sort(values, lo, hi + 1);
                break;
            }
            double pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Double.compare(values[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(values[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break; // between j and i every value equals the pivot
            }
        }
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        if (Double.compare(a, b) > 0) {
            double t = a;
            a = b;
            b = t;
        }
        return Double.compare(b, c) <= 0 ? b : Double.compare(a, c) >= 0 ? a : c;
    }

    /** The 1-based nearest rank: ceil(p/100 * n), at least 1. */
    static int rank(double percent, int n) {
        int r = (int) Math.ceil(percent / 100.0 * n - 1e-9);
        return Math.max(1, Math.min(n, r));
    }
}
