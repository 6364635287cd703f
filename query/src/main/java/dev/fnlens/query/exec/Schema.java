package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Scope;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one stretch of the pipeline and their slots. Before the first stats or pattern the rows are events
 * ({@code fromEvents}): a name read before any command defines it comes from the store, and is recorded as a source
 * field. After stats or pattern, rows only hold what the aggregation produced; other names read as missing.
 */
final class Schema implements Scope {

    private final boolean fromEvents;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();
    private final BitSet time = new BitSet();
    private final BitSet defined = new BitSet();
    private final BitSet source = new BitSet();
    private final Set<String> sourceFields = new LinkedHashSet<>();

    private Schema(boolean fromEvents) {
        this.fromEvents = fromEvents;
    }

    static Schema forEvents() {
        Schema s = new Schema(true);
        s.time.set(s.slot("@timestamp"));
        s.time.set(s.slot("@ingestionTime"));
        return s;
    }

    static Schema forAggregates() {
        return new Schema(false);
    }

    private int slot(String name) {
        Integer slot = slots.get(name);
        if (slot == null) {
            slot = names.size();
            names.add(name);
            slots.put(name, slot);
        }
        return slot;
    }

    @Override
    public int read(String field) {
        int slot = slot(field);
        if (fromEvents && !defined.get(slot)) {
            source.set(slot);
            sourceFields.add(field);
        }
        return slot;
    }

    /** A command assigns the field from here on: later reads see the assigned value, not the store's. */
    int define(String field, boolean isTime) {
        int slot = slot(field);
        defined.set(slot);
        time.set(slot, isTime);
        return slot;
    }

    @Override
    public boolean isTime(String field) {
        Integer slot = slots.get(field);
        return slot != null && time.get(slot);
    }

    int size() {
        return names.size();
    }

    String name(int slot) {
        return names.get(slot);
    }

    /** Whether a slot is loaded from the store when read before being assigned. */
    boolean isSource(int slot) {
        return source.get(slot);
    }

    /** The store fields this stretch reads, in order of first use. */
    Set<String> sourceFields() {
        return sourceFields;
    }
}
