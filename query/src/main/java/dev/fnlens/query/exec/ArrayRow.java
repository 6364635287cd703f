package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Row;

/** A row that owns its values: kept by sort, produced by stats and pattern. */
final class ArrayRow extends Row {

    private final Object[] values;

    ArrayRow(int size) {
        this.values = new Object[size];
    }

    ArrayRow(Object[] values) {
        this.values = values;
    }

    @Override
    public Object get(int slot) {
        return slot < values.length ? values[slot] : null;
    }

    @Override
    public void set(int slot, Object value) {
        values[slot] = value;
    }
}
