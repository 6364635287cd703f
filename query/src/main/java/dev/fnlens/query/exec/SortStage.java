package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.Row;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code sort}: stable (equal keys keep their arrival order); missing values sort last in either direction. When only
 * the first {@code bound} rows can reach the answer (a limit follows, or the answer's row cap), it keeps a bounded heap
 * of the best rows and copies an event only when it enters the heap: top-k in O(n log k) with k rows in memory.
 */
final class SortStage extends Stage {

    private record Entry(Object[] keys, long seq, Row row) {
    }

    private final Eval[] keys;
    private final boolean[] descending;
    private final int bound;
    private final Deadline deadline;
    private final Comparator<Entry> order;
    private final PriorityQueue<Entry> heap; // worst on top; only when bounded
    private final List<Entry> all = new ArrayList<>();
    private final Object[] probe;
    private long seq;

    SortStage(Eval[] keys, boolean[] descending, int bound, Deadline deadline) {
        this.keys = keys;
        this.descending = descending;
        this.bound = bound;
        this.deadline = deadline;
        this.probe = new Object[keys.length];
        this.order = (a, b) -> {
            int c = compareKeys(a.keys, b.keys);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        };
        this.heap = bound < Integer.MAX_VALUE ? new PriorityQueue<>(Math.min(bound, 1024) + 1, order.reversed()) : null;
    }

    @Override
    boolean push(Row row) {
        for (int i = 0; i < keys.length; i++) {
            probe[i] = keys[i].eval(row);
        }
        seq++;
        if (heap == null) {
            all.add(new Entry(probe.clone(), seq, own(row)));
            return true;
        }
        if (heap.size() >= bound) {
            // a later row with equal keys loses to the kept one: that is what keeps the sort stable
            if (compareKeys(probe, heap.peek().keys) >= 0) {
                return true;
            }
            heap.poll();
        }
        heap.add(new Entry(probe.clone(), seq, own(row)));
        return true;
    }

    @Override
    void finish() {
        List<Entry> sorted = heap == null ? all : new ArrayList<>(heap);
        sorted.sort((a, b) -> {
            deadline.tick();
            return order.compare(a, b);
        });
        for (Entry e : sorted) {
            deadline.tick();
            if (!next.push(e.row)) {
                break;
            }
        }
        next.finish();
    }

    private int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compare(a[i], b[i], descending[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compare(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = Values.sortCompare(a, b);
        return descending ? -c : c;
    }
}
