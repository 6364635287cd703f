package dev.fnlens.query.exec;

import dev.fnlens.query.FieldSource;
import dev.fnlens.query.eval.Row;
import dev.fnlens.query.runtime.Values;

/**
 * The event being scanned, one instance reused for every event. A slot is read from the store on first use in an
 * event and remembered for that event (a generation counter avoids clearing arrays); slots assigned by commands
 * shadow the store. {@link #snapshot()} copies it when a row must outlive the event (sort).
 */
final class EventRow extends Row {

    private final Schema schema;
    private final Object[] values;
    private final int[] generation;
    private int current;
    private FieldSource source;

    EventRow(Schema schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
        this.generation = new int[schema.size()];
    }

    void reset(FieldSource next) {
        source = next;
        if (++current == 0) { // wrapped after 4 billion events: start over rather than see stale values
            java.util.Arrays.fill(generation, 0);
            current = 1;
        }
    }

    @Override
    public Object get(int slot) {
        if (generation[slot] != current) {
            values[slot] = schema.isSource(slot) ? Values.normalize(source.get(schema.name(slot))) : null;
            generation[slot] = current;
        }
        return values[slot];
    }

    @Override
    public void set(int slot, Object value) {
        values[slot] = value;
        generation[slot] = current;
    }

    ArrayRow snapshot() {
        Object[] copy = new Object[values.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = get(i);
        }
        return new ArrayRow(copy);
    }
}
