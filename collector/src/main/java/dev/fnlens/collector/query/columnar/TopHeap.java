package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;

/**
 * The best N events by a number (its scaled long; a missing value last in either direction), then — as the row
 * engine's stable sort over events in time order — by {@code @timestamp}, WAL sequence and position. The tie-breaking
 * columns are read only for an event that may enter, so most events cost one doc-values read.
 */
final class TopHeap {
    private static final class Entry {
        long value;
        long time;
        long seq;
        long idx;
        int doc; // in the snapshot's reader
    }

    private final int size;
    private final boolean descending;
    private final PriorityQueue<Entry> heap; // worst on top

    TopHeap(int size, boolean descending) {
        this.size = size;
        this.descending = descending;
        this.heap = new PriorityQueue<>(Math.min(size, 1024) + 1, (a, b) -> -compare(a, b));
    }

    /** A missing value: after every value in the sort's direction. */
    long missing() {
        return descending ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    boolean full() {
        return heap.size() >= size;
    }

    /** Whether no event with this value can enter (strictly worse than the worst kept). */
    boolean beaten(long value) {
        return full() && compareValues(value, heap.peek().value) > 0;
    }

    /** Offers the events of one segment, in increasing document order. */
    Leaf leaf(LeafReader reader, int docBase) throws IOException {
        return new Leaf(reader, docBase);
    }

    final class Leaf {
        private final int docBase;
        private final NumericDocValues times;
        private final NumericDocValues seqs;
        private final NumericDocValues idxs;

        private Leaf(LeafReader reader, int docBase) throws IOException {
            this.docBase = docBase;
            this.times = DocValues.getNumeric(reader, LogEvent.TIMESTAMP);
            this.seqs = DocValues.getNumeric(reader, Schema.SEQ);
            this.idxs = DocValues.getNumeric(reader, Schema.IDX);
        }

        void offer(int doc, long value) throws IOException {
            if (beaten(value)) {
                return;
            }
            Entry e = new Entry();
            e.value = value;
            e.time = times.advanceExact(doc) ? times.longValue() : 0;
            e.seq = seqs.advanceExact(doc) ? seqs.longValue() : 0;
            e.idx = Schema.position(idxs, doc);
            e.doc = docBase + doc;
            if (!full()) {
                heap.add(e);
            } else if (compare(e, heap.peek()) < 0) {
                heap.poll();
                heap.add(e);
            }
        }
    }

    /** The kept events, best first, as documents of the snapshot's reader. */
    List<Integer> docs() {
        List<Entry> sorted = new ArrayList<>(heap);
        sorted.sort(this::compare);
        return sorted.stream().map(e -> e.doc).toList();
    }

    /** Negative when {@code a} comes first. */
    private int compare(Entry a, Entry b) {
        int c = compareValues(a.value, b.value);
        if (c == 0) {
            c = Long.compare(a.time, b.time);
        }
        if (c == 0) {
            c = Long.compare(a.seq, b.seq);
        }
        if (c == 0) {
            c = Long.compare(a.idx, b.idx);
        }
        return c != 0 ? c : Integer.compare(a.doc, b.doc);
    }

    private int compareValues(long a, long b) {
        return descending ? Long.compare(b, a) : Long.compare(a, b);
    }
}
