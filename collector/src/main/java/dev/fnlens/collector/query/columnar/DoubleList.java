package dev.fnlens.collector.query.columnar;

import java.util.Arrays;

/** A growable array of doubles: one group's values, for exact percentiles and distinct counts. */
final class DoubleList {
    double[] values = new double[8];
    int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1));
        }
        values[size++] = v;
    }

    /**
     * Adds a value of which only the distinct ones count: when the array is full, its values are first sorted and
     * kept once each (0 and -0 as one), and it grows only when that did not free half of it. So a distinct count keeps
     * about its distinct values, not every event's: {@code count_distinct(@logStream)} over millions of events keeps
     * thousands.
     */
    void addDistinct(double v) {
        if (size == values.length) {
            keepDistinct();
            if (size > values.length / 2) {
                values = Arrays.copyOf(values, size + size);
            }
        }
        values[size++] = v;
    }

    private void keepDistinct() {
        for (int i = 0; i < size; i++) {
            if (values[i] == 0) {
                values[i] = 0.0; // -0 too
            }
        }
        Arrays.sort(values, 0, size);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept == 0 || Double.compare(values[i], values[kept - 1]) != 0) {
                values[kept++] = values[i];
            }
        }
        size = kept;
    }

    void addAll(DoubleList other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, size + (size >> 1)));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }
}
