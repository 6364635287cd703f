package dev.fnlens.query.aggregate;

import dev.fnlens.query.runtime.Values;

/** min/max (numeric), sortsFirst/sortsLast (sort order, any type), earliest/latest (by @timestamp). */
final class Extremes {

    private Extremes() {
    }

    /** min (sign -1) and max (sign 1) of the numeric values. */
    static final class Numeric implements Accumulator {
        private final int sign;
        private boolean any;
        private double best;

        Numeric(int sign) {
            this.sign = sign;
        }

        @Override
        public void add(Object value, long timestamp) {
            if (Values.isNumeric(value)) {
                double d = Values.toDouble(value);
                if (!any || Double.compare(d, best) * sign > 0) {
                    best = d;
                    any = true;
                }
            }
        }

        @Override
        public void add(Object value, long timestamp, long times) {
            if (times > 0) {
                add(value, timestamp); // the extreme does not depend on how often a value came
            }
        }

        @Override
        public Object result() {
            return any ? (Object) best : null;
        }
    }

    /** The value that sorts first (sign -1) or last (sign 1): numbers by value before text. */
    static final class Sorted implements Accumulator {
        private final int sign;
        private Object best;

        Sorted(int sign) {
            this.sign = sign;
        }

        @Override
        public void add(Object value, long timestamp) {
            if (value != null && (best == null || Values.sortCompare(value, best) * sign > 0)) {
                best = value;
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    /**
     * earliest (sign -1): the value from the event with the smallest @timestamp; latest (sign 1): the largest.
     * Events where the field is missing are skipped; on equal timestamps the first event read wins for earliest and
     * the last for latest.
     */
    static final class Timed implements Accumulator {
        private final int sign;
        private Object best;
        private long bestTime;

        Timed(int sign) {
            this.sign = sign;
        }

        @Override
        public void add(Object value, long timestamp) {
            if (value == null) {
                return;
            }
            if (best == null || (sign < 0 ? timestamp < bestTime : timestamp >= bestTime)) {
                best = value;
                bestTime = timestamp;
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }
}
