package dev.fnlens.query.exec;

import dev.fnlens.query.aggregate.Accumulator;
import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.Row;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code stats}: hash aggregation in one pass. Each event updates the accumulators of its group; at the end each
 * group becomes one row: the group keys, the aggregate results, then the projections computed from them in order
 * (so a projection can use the alias of an earlier one). Groups come out sorted by their keys, missing last.
 * Without {@code by} there is exactly one row, even when no event matched (count() is then 0).
 */
final class StatsStage extends Stage {

    /** One distinct aggregate call: its argument (null for count()/count(*)) and how to make accumulators. */
    record Aggregate(Eval argument, Supplier<Accumulator> factory) {
    }

    private record Group(Object[] keys, Accumulator[] accumulators) {
    }

    private final Eval[] keys;
    private final Aggregate[] aggregates;
    private final int timestampSlot;
    private final Output output;
    private final Deadline deadline;
    private final Map<GroupKey, Group> groups = new HashMap<>();
    private final GroupKey probe;

    /** Where the results go in the output rows, and the projections over them. */
    record Output(Schema schema, int[] keySlots, int[] aggregateSlots, int[] projectionSlots, Eval[] projections) {
    }

    StatsStage(Eval[] keys, Aggregate[] aggregates, int timestampSlot, Output output, Deadline deadline) {
        this.keys = keys;
        this.aggregates = aggregates;
        this.timestampSlot = timestampSlot;
        this.output = output;
        this.deadline = deadline;
        this.probe = new GroupKey(keys.length);
    }

    @Override
    boolean push(Row row) {
        for (int i = 0; i < keys.length; i++) {
            probe.values[i] = Values.key(keys[i].eval(row));
        }
        probe.rehash();
        Group group = groups.get(probe);
        if (group == null) {
            group = newGroup(row);
            groups.put(probe.copy(), group);
        }
        long timestamp = 0;
        if (timestampSlot >= 0) {
            Object t = row.get(timestampSlot);
            timestamp = Values.isNumeric(t) ? (long) Values.toDouble(t) : Long.MIN_VALUE;
        }
        for (int i = 0; i < aggregates.length; i++) {
            Eval argument = aggregates[i].argument();
            group.accumulators[i].add(argument == null ? Boolean.TRUE : argument.eval(row), timestamp);
        }
        return true;
    }

    /**
     * Adds a group that a store aggregated itself: its key values (as the key expressions give them) and the result of
     * each aggregate call, in the order of {@link Planner#aggregateCalls}. Each group must be given once.
     */
    void load(Object[] keyValues, Object[] results) {
        GroupKey key = new GroupKey(keys.length);
        for (int i = 0; i < keys.length; i++) {
            key.values[i] = Values.key(keyValues[i]);
        }
        key.rehash();
        Accumulator[] fixed = new Accumulator[results.length];
        for (int i = 0; i < results.length; i++) {
            Object result = results[i];
            fixed[i] = new Accumulator() {
                @Override
                public void add(Object value, long timestamp) {
                    throw new IllegalStateException("a loaded group takes no more rows");
                }

                @Override
                public Object result() {
                    return result;
                }
            };
        }
        groups.put(key, new Group(keyValues.clone(), fixed));
    }

    int keyCount() {
        return keys.length;
    }

    int aggregateCount() {
        return aggregates.length;
    }

    private Group newGroup(Row row) {
        Object[] shown = new Object[keys.length]; // the first value seen, as written, not the normalised key
        for (int i = 0; i < keys.length; i++) {
            shown[i] = keys[i].eval(row);
        }
        Accumulator[] accumulators = new Accumulator[aggregates.length];
        for (int i = 0; i < aggregates.length; i++) {
            accumulators[i] = aggregates[i].factory().get();
        }
        return new Group(shown, accumulators);
    }

    @Override
    void finish() {
        if (groups.isEmpty() && keys.length == 0) {
            groups.put(probe.copy(), newGroup(new ArrayRow(0)));
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort((a, b) -> {
            deadline.tick();
            for (int i = 0; i < keys.length; i++) {
                int c = SortStage.compare(a.keys[i], b.keys[i], false);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (Group g : sorted) {
            deadline.tick();
            if (!next.push(toRow(g))) {
                break;
            }
        }
        next.finish();
    }

    private Row toRow(Group g) {
        ArrayRow row = new ArrayRow(output.schema().size());
        for (int i = 0; i < g.keys.length; i++) {
            row.set(output.keySlots()[i], g.keys[i]);
        }
        for (int i = 0; i < g.accumulators.length; i++) {
            row.set(output.aggregateSlots()[i], g.accumulators[i].result());
        }
        for (int i = 0; i < output.projections().length; i++) {
            row.set(output.projectionSlots()[i], output.projections()[i].eval(row));
        }
        return row;
    }
}
