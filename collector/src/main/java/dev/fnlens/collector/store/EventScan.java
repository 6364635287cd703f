package dev.fnlens.collector.store;

import dev.fnlens.query.FieldSource;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.PriorityQueue;

/**
 * The events of a {@link Snapshot} that match a Lucene query, oldest first (events of the
 * same millisecond in ingest order), as the query engine's input: one {@link EventColumns}
 * per segment, each moved along its segment's matches. Segments are sorted by time, so the
 * order is a merge of their match lists; day partitions do not overlap, so only the segments
 * of one day are merged at a time.
 *
 * <p>Iteration checks its {@link Deadline} every few thousand documents Lucene looks at (also those
 * that do not match) and then throws {@link QueryAbortedException}, which the engine answers
 * as Timeout or Cancelled.
 */
public final class EventScan implements Iterable<FieldSource> {
    /**
     * Events between checks of the deadline (time limit, cancellation, the heap left): often enough that a query
     * keeping a few KB per event, as a distinct count of long texts does, is stopped a few MB later.
     */
    private static final int CHECK_EVERY = 1024;

    private final Snapshot snapshot;
    private final Query query;
    private final Deadline deadline;

    public EventScan(Snapshot snapshot, Query query, Deadline deadline) {
        this.snapshot = snapshot;
        this.query = query;
        this.deadline = deadline;
    }

    /**
     * The same events, but the newest part of {@code [fromMillis, toMillis]} first: windows
     * that double in length from the end of the range, each oldest first. Events of the same
     * millisecond stay together and in order, so a query that sorts by {@code @timestamp}
     * before anything else depends on order gets the same answer as from {@link EventScan}
     * — and its top-N sort sees the events that win first, so it copies (and reads the text
     * of) only a few more than N instead of every event.
     */
    public static Iterable<FieldSource> newestFirstWindows(Snapshot snapshot, Query query, long fromMillis,
                                                           long toMillis, Deadline deadline) {
        // the range's data may fill only part of it: windows over the part that has events
        long[] span = dataSpan(snapshot, fromMillis, toMillis);
        fromMillis = span[0];
        toMillis = span[1];
        List<long[]> windows = new ArrayList<>();
        long size = Math.max(1, (toMillis - fromMillis + 1) / 1024);
        long hi = toMillis;
        while (hi >= fromMillis) {
            long lo = Math.max(fromMillis, hi - size + 1);
            windows.add(new long[] {lo, hi});
            if (lo == Long.MIN_VALUE) {
                break;
            }
            hi = lo - 1;
            if (windows.size() > 1) {
                size = Math.min(size * 2, Long.MAX_VALUE / 4);
            }
        }
        return () -> new Iterator<>() {
            private int next;
            private Iterator<FieldSource> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < windows.size()) {
                    long[] w = windows.get(next++);
                    Query window = new org.apache.lucene.search.BooleanQuery.Builder()
                            .add(query, org.apache.lucene.search.BooleanClause.Occur.FILTER)
                            .add(FieldQueries.timeRange(w[0], w[1]), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                            .build();
                    current = new EventScan(snapshot, window, deadline).iterator();
                }
                return current.hasNext();
            }

            @Override
            public FieldSource next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The first and last timestamp of any segment, clamped to the range: segments are sorted by time. */
    private static long[] dataSpan(Snapshot snapshot, long fromMillis, long toMillis) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try {
            for (LeafReaderContext leaf : snapshot.searcher().getIndexReader().leaves()) {
                int maxDoc = leaf.reader().maxDoc();
                if (maxDoc == 0) {
                    continue;
                }
                org.apache.lucene.index.NumericDocValues first =
                        org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), dev.fnlens.collector.event.LogEvent.TIMESTAMP);
                if (first.advanceExact(0)) {
                    min = Math.min(min, first.longValue());
                }
                org.apache.lucene.index.NumericDocValues last =
                        org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), dev.fnlens.collector.event.LogEvent.TIMESTAMP);
                if (last.advanceExact(maxDoc - 1)) {
                    max = Math.max(max, last.longValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (min > max) {
            return new long[] {fromMillis, toMillis};
        }
        return new long[] {Math.max(fromMillis, min), Math.min(toMillis, max)};
    }

    @Override
    public Iterator<FieldSource> iterator() {
        try {
            return new Merge();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One segment's matches. */
    private final class Cursor {
        final EventColumns columns;
        final DocIdSetIterator approximation;
        final TwoPhaseIterator twoPhase;
        final Bits live;

        Cursor(LeafReaderContext leaf, Scorer scorer) throws IOException {
            this.columns = new EventColumns(leaf.reader());
            this.twoPhase = scorer.twoPhaseIterator();
            this.approximation = twoPhase != null ? twoPhase.approximation() : scorer.iterator();
            this.live = leaf.reader().getLiveDocs();
        }

        /** Moves to the next match; false at the end. */
        boolean next() throws IOException {
            for (int doc = approximation.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = approximation.nextDoc()) {
                tick();
                if ((live == null || live.get(doc)) && (twoPhase == null || twoPhase.matches())) {
                    columns.moveTo(doc);
                    return true;
                }
            }
            return false;
        }

        boolean before(Cursor other) {
            EventColumns a = columns;
            EventColumns b = other.columns;
            if (a.timestamp() != b.timestamp()) {
                return a.timestamp() < b.timestamp();
            }
            try {
                if (a.seq() != b.seq()) {
                    return a.seq() < b.seq();
                }
                return a.idx() < b.idx();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private int ticks;

    private void tick() {
        if (++ticks % CHECK_EVERY == 0) {
            deadline.check();
        }
    }

    private final class Merge implements Iterator<FieldSource> {
        private final Weight weight;
        private final List<List<LeafReaderContext>> days;
        private final PriorityQueue<Cursor> heap;
        private int day;
        private Cursor current;
        private boolean advanced = true;

        Merge() throws IOException {
            IndexSearcher searcher = snapshot.searcher();
            this.weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
            this.days = snapshot.leavesByPartition();
            int most = days.stream().mapToInt(List::size).max().orElse(1);
            this.heap = new PriorityQueue<>(Math.max(1, most)) {
                @Override
                protected boolean lessThan(Cursor a, Cursor b) {
                    return a.before(b);
                }
            };
        }

        @Override
        public boolean hasNext() {
            try {
                if (!advanced) {
                    advanced = true;
                    if (current.next()) {
                        heap.updateTop();
                    } else {
                        heap.pop();
                    }
                }
                while (heap.size() == 0 && day < days.size()) {
                    openDay(days.get(day++));
                }
                return heap.size() > 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public FieldSource next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            current = heap.top();
            advanced = false;
            return current.columns;
        }

        private void openDay(List<LeafReaderContext> leaves) throws IOException {
            List<Cursor> cursors = new ArrayList<>();
            for (LeafReaderContext leaf : leaves) {
                tick();
                Scorer scorer = weight.scorer(leaf);
                if (scorer != null) {
                    Cursor c = new Cursor(leaf, scorer);
                    if (c.next()) {
                        cursors.add(c);
                    }
                }
            }
            cursors.forEach(heap::add);
        }
    }
}
