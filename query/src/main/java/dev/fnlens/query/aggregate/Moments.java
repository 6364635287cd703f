package dev.fnlens.query.aggregate;

import dev.fnlens.query.runtime.Values;

/**
 * sum, avg and stddev over the numeric values (numeric strings count; other values are skipped). Sums are exact and
 * then correctly rounded ({@link ExactSum}), so they do not depend on the order of the events: a store may sum
 * segments apart and get the same answer.
 */
final class Moments {

    private Moments() {
    }

    /** An exact running sum. */
    static class Sum implements Accumulator {
        final ExactSum sum = new ExactSum();

        @Override
        public void add(Object value, long timestamp) {
            if (Values.isNumeric(value)) {
                sum.add(Values.toDouble(value));
            }
        }

        @Override
        public Object result() {
            return sum.count() == 0 ? null : (Object) sum.total();
        }
    }

    static final class Avg extends Sum {
        @Override
        public Object result() {
            return sum.count() == 0 ? null : (Object) (sum.total() / sum.count());
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
