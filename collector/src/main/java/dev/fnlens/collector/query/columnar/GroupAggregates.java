package dev.fnlens.collector.query.columnar;

import dev.fnlens.query.aggregate.ExactSum;
import dev.fnlens.query.aggregate.Percentile;
import java.util.Arrays;

/**
 * The state of one aggregate call for every group, in arrays indexed by group: counts in a {@code long[]}, extremes
 * in a {@code double[]}, sums as {@link ExactSum}s, and for percentiles and distinct counts the group's values (shared
 * by every call over the same argument). Each result is the object the row engine's accumulator would give.
 */
abstract class GroupAggregates {

    /** Room for groups {@code 0 .. groups - 1}. */
    abstract void grow(int groups);

    /** One event of {@code group}; {@code has} says whether the argument has a value, {@code v} is it. */
    abstract void add(int group, boolean has, double v);

    abstract Object result(int group);

    /** Adds what {@code other} (the same call, over other segments) holds for its group {@code from} to {@code group}. */
    abstract void merge(int group, GroupAggregates other, int from);

    static int capacity(int needed, int current) {
        return needed <= current ? current : Math.max(needed, current * 2);
    }

    /** count(*) (every event) and count(x) (events where x has a value). */
    static final class Count extends GroupAggregates {
        private final boolean rows;
        private long[] n = new long[0];

        Count(boolean rows) {
            this.rows = rows;
        }

        @Override
        void grow(int groups) {
            n = Arrays.copyOf(n, capacity(groups, n.length));
        }

        @Override
        void add(int group, boolean has, double v) {
            if (rows || has) {
                n[group]++;
            }
        }

        /** Adds {@code events} events at once (count(*) only). */
        void addRows(int group, long events) {
            n[group] += events;
        }

        @Override
        void merge(int group, GroupAggregates other, int from) {
            n[group] += ((Count) other).n[from];
        }

        @Override
        Object result(int group) {
            return n[group];
        }
    }

    /** sum and avg: exact, whatever the order of segments and events. */
    static final class Sum extends GroupAggregates {
        private final boolean average;
        private ExactSum[] sums = new ExactSum[0];

        Sum(boolean average) {
            this.average = average;
        }

        @Override
        void grow(int groups) {
            int from = sums.length;
            sums = Arrays.copyOf(sums, capacity(groups, sums.length));
            for (int i = from; i < sums.length; i++) {
                sums[i] = new ExactSum();
            }
        }

        @Override
        void add(int group, boolean has, double v) {
            if (has) {
                sums[group].add(v);
            }
        }

        @Override
        void merge(int group, GroupAggregates other, int from) {
            sums[group].add(((Sum) other).sums[from]);
        }

        @Override
        Object result(int group) {
            ExactSum s = sums[group];
            if (s.count() == 0) {
                return null;
            }
            return average ? s.total() / s.count() : s.total();
        }
    }

    /** min (sign -1) and max (sign 1), compared as the engine does ({@link Double#compare}). */
    static final class Extreme extends GroupAggregates {
        private final int sign;
        private double[] best = new double[0];
        private boolean[] any = new boolean[0];

        Extreme(int sign) {
            this.sign = sign;
        }

        @Override
        void grow(int groups) {
            best = Arrays.copyOf(best, capacity(groups, best.length));
            any = Arrays.copyOf(any, best.length);
        }

        @Override
        void add(int group, boolean has, double v) {
            if (has && (!any[group] || Double.compare(v, best[group]) * sign > 0)) {
                best[group] = v;
                any[group] = true;
            }
        }

        @Override
        void merge(int group, GroupAggregates other, int from) {
            Extreme o = (Extreme) other;
            add(group, o.any[from], o.best[from]);
        }

        @Override
        Object result(int group) {
            return any[group] ? (Object) best[group] : null;
        }
    }

    /**
     * Every value of an argument, per group: gathered once for all the pct and count_distinct calls over it; only the
     * distinct ones when no pct needs them all.
     */
    static final class Values extends GroupAggregates {
        DoubleList[] lists = new DoubleList[0];
        private boolean every;

        /** A percentile needs every value, not only the distinct ones. */
        void keepEvery() {
            every = true;
        }

        @Override
        void grow(int groups) {
            int from = lists.length;
            lists = Arrays.copyOf(lists, capacity(groups, lists.length));
            for (int i = from; i < lists.length; i++) {
                lists[i] = new DoubleList();
            }
        }

        @Override
        void add(int group, boolean has, double v) {
            if (has && every) {
                lists[group].add(v);
            } else if (has) {
                lists[group].addDistinct(v);
            }
        }

        @Override
        void merge(int group, GroupAggregates other, int from) {
            lists[group].addAll(((Values) other).lists[from]);
        }

        @Override
        Object result(int group) {
            throw new UnsupportedOperationException("values are read by Pct and Distinct");
        }
    }

    /** pct(x, p): the nearest-rank value, as {@link Percentile} picks it. */
    static final class Pct extends GroupAggregates {
        private final Values values;
        private final double percent;

        Pct(Values values, double percent) {
            this.values = values;
            this.percent = percent;
            values.keepEvery();
        }

        @Override
        void grow(int groups) {
            // the shared Values grows
        }

        @Override
        void add(int group, boolean has, double v) {
            // the shared Values adds
        }

        @Override
        void merge(int group, GroupAggregates other, int from) {
            // the shared Values merges
        }

        @Override
        Object result(int group) {
            DoubleList list = values.lists[group];
            return list.size == 0 ? null : (Object) Percentile.select(list.values, list.size, percent);
        }
    }

    /** count_distinct(x): distinct numbers, 0 and -0 being one (as the engine's keys are). */
    static final class Distinct extends GroupAggregates {
        private final Values values;

        Distinct(Values values) {
            this.values = values;
        }

        @Override
        void grow(int groups) {
            // the shared Values grows
        }

        @Override
        void add(int group, boolean has, double v) {
            // the shared Values adds
        }

        @Override
        void merge(int group, GroupAggregates other, int from) {
            // the shared Values merges
        }

        @Override
        Object result(int group) {
            DoubleList list = values.lists[group];
            Arrays.sort(list.values, 0, list.size);
            long distinct = 0;
            for (int i = 0; i < list.size; i++) {
                if (i == 0 || Double.compare(zero(list.values[i]), zero(list.values[i - 1])) != 0) {
                    distinct++;
                }
            }
            return distinct;
        }

        private static double zero(double v) {
            return v == 0 ? 0.0 : v;
        }
    }
}
