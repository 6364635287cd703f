package dev.fnlens.query.aggregate;

import dev.fnlens.query.runtime.Values;
import java.util.HashSet;
import java.util.Set;

/** count(), count(*), count(field) and count_distinct(field). All exact. */
final class Counts {

    private Counts() {
    }

    /** count() and count(*): every row of the group. */
    static final class Rows implements Accumulator {
        private long n;

        @Override
        public void add(Object value, long timestamp) {
            n++;
        }

        @Override
        public void add(Object value, long timestamp, long times) {
            n += times;
        }

        @Override
        public Object result() {
            return n;
        }
    }

    /** count(field): rows where the field is present. */
    static final class Present implements Accumulator {
        private long n;

        @Override
        public void add(Object value, long timestamp) {
            if (value != null) {
                n++;
            }
        }

        @Override
        public void add(Object value, long timestamp, long times) {
            if (value != null) {
                n += times;
            }
        }

        @Override
        public Object result() {
            return n;
        }
    }

    /**
     * count_distinct(field): exact, by keeping every distinct value (CloudWatch estimates; we can afford exactness for
     * the cardinalities of function logs, and the memory is bounded by the data scanned).
     */
    static final class Distinct implements Accumulator {
        private final Set<Object> seen = new HashSet<>();

        @Override
        public void add(Object value, long timestamp) {
            if (value != null) {
                seen.add(Values.key(value));
            }
        }

        @Override
        public void add(Object value, long timestamp, long times) {
            if (times > 0) {
                add(value, timestamp); // once is as many as any
            }
        }

        @Override
        public Object result() {
            return (long) seen.size();
        }
    }
}
