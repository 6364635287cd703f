package dev.fnlens.query.aggregate;

import dev.fnlens.query.runtime.Values;

/**
 * sum, avg and stddev over the numeric values (numeric strings count; other values are skipped). Sums use Kahan
 * compensation, as {@code DoubleStream.sum()} does, so long sums of decimals such as 102.25 stay exact to the last digit.
 */
final class Moments {

    private Moments() {
    }

    /** A compensated running sum. */
    static class Sum implements Accumulator {
        long count;
        private double sum;
        private double compensation;
        private double simpleSum; // keeps infinities and NaN, which compensation would turn into NaN

        @Override
        public void add(Object value, long timestamp) {
            if (Values.isNumeric(value)) {
                accept(Values.toDouble(value));
            }
        }

        final void accept(double d) {
            count++;
            simpleSum += d;
            double y = d - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }

        final double total() {
            double s = sum - compensation;
            return Double.isNaN(s) && Double.isInfinite(simpleSum) ? simpleSum : s;
        }

        @Override
        public Object result() {
            return count == 0 ? null : (Object) total();
        }
    }

    static final class Avg extends Sum {
        @Override
        public Object result() {
            return count == 0 ? null : (Object) (total() / count);
        }
    }

    /** The sample standard deviation (divides by n - 1), by Welford's method; 0 for a single value. */
    static final class StdDev implements Accumulator {
        private long n;
        private double mean;
        private double m2;

        @Override
        public void add(Object value, long timestamp) {
            if (Values.isNumeric(value)) {
                double x = Values.toDouble(value);
                n++;
                double delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
            }
        }

        @Override
        public Object result() {
            if (n == 0) {
                return null;
            }
            return n == 1 ? 0.0 : Math.sqrt(m2 / (n - 1));
        }
    }
}
