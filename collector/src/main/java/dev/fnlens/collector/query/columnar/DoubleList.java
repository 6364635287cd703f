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

    void addAll(DoubleList other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, size + (size >> 1)));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }
}
