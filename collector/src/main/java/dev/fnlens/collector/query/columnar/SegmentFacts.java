package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.ScaledNumbers;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * What the column-wise path learns about a segment once and keeps while the segment lives (segments never change):
 * how many events a filter matches in it and their message bytes, and the range of a number per block of
 * {@value #BLOCK} documents and per piece of {@value #PIECE}. Only for segments without deletions; dropped when the
 * segment closes.
 */
final class SegmentFacts {
    static final int BLOCK = 4096;
    static final int PIECE = 256;
    private static final int TALLIES_PER_SEGMENT = 32;
    private static final Query ALL = new MatchAllDocsQuery();
    private static final Map<IndexReader.CacheKey, SegmentFacts> BY_SEGMENT = new ConcurrentHashMap<>();

    /** Matches and message bytes per filter (the query without its time range); the oldest dropped first. */
    private final Map<Query, long[]> tallies = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Query, long[]> eldest) {
            return size() > TALLIES_PER_SEGMENT;
        }
    });
    private final Map<String, long[][]> blocks = new ConcurrentHashMap<>();

    private SegmentFacts() {
    }

    /** The facts of a segment, or null when it cannot keep any (deletions, or no cache key). */
    static SegmentFacts of(LeafReader leaf) {
        IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
        if (helper == null || leaf.getLiveDocs() != null) {
            return null;
        }
        SegmentFacts known = BY_SEGMENT.get(helper.getKey());
        if (known == null) {
            SegmentFacts fresh = new SegmentFacts();
            known = BY_SEGMENT.putIfAbsent(helper.getKey(), fresh);
            if (known == null) {
                known = fresh;
                helper.addClosedListener(BY_SEGMENT::remove);
            }
        }
        return known;
    }

    /** {matched, message bytes} of a filter over the whole segment, or null when not known yet. */
    long[] tally(Query filter) {
        return tallies.get(filter);
    }

    void tally(Query filter, long matched, long bytes) {
        tallies.put(filter, new long[] {matched, bytes});
    }

    /** Message bytes of every event of the segment. */
    long allBytes(LeafReader leaf) throws IOException {
        long[] all = tallies.get(ALL);
        if (all == null) {
            all = new long[] {leaf.maxDoc(), bytes(leaf, 0, leaf.maxDoc())};
            tallies.put(ALL, all);
        }
        return all[1];
    }

    /**
     * The largest ({@code [0]}) and smallest ({@code [1]}) long of a numeric column per block of {@value #BLOCK}
     * documents, and per piece of a block ({@code [2]} and {@code [3]}, {@value #PIECE} documents each);
     * {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} where there is no value. A missing value sorts last either way,
     * so it never widens these bounds.
     */
    long[][] blockRanges(LeafReader leaf, String field) throws IOException {
        long[][] known = blocks.get(field);
        if (known == null) {
            int pieces = (leaf.maxDoc() + PIECE - 1) / PIECE;
            long[] pieceMax = new long[pieces];
            long[] pieceMin = new long[pieces];
            java.util.Arrays.fill(pieceMax, Long.MIN_VALUE);
            java.util.Arrays.fill(pieceMin, Long.MAX_VALUE);
            NumericDocValues values = ScaledNumbers.scaledColumn(leaf, field);
            for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                long v = values.longValue();
                int p = doc / PIECE;
                pieceMax[p] = Math.max(pieceMax[p], v);
                pieceMin[p] = Math.min(pieceMin[p], v);
            }
            int n = (leaf.maxDoc() + BLOCK - 1) / BLOCK;
            long[] max = new long[n];
            long[] min = new long[n];
            java.util.Arrays.fill(max, Long.MIN_VALUE);
            java.util.Arrays.fill(min, Long.MAX_VALUE);
            for (int p = 0; p < pieces; p++) {
                int b = p / (BLOCK / PIECE);
                max[b] = Math.max(max[b], pieceMax[p]);
                min[b] = Math.min(min[b], pieceMin[p]);
            }
            known = new long[][] {max, min, pieceMax, pieceMin};
            blocks.put(field, known);
        }
        return known;
    }

    /** Whether every event of the segment lies in {@code [from, to]}: segments are sorted by time. */
    static boolean within(LeafReader leaf, long from, long to) throws IOException {
        return leaf.maxDoc() > 0 && sortedByTime(leaf) && timeAt(leaf, 0) >= from && timeAt(leaf, leaf.maxDoc() - 1) <= to;
    }

    static boolean sortedByTime(LeafReader leaf) {
        Sort sort = leaf.getMetaData().getSort();
        if (sort == null || sort.getSort().length == 0) {
            return false;
        }
        SortField first = sort.getSort()[0];
        return first.getField().equals(LogEvent.TIMESTAMP) && first.getType() == SortField.Type.LONG && !first.getReverse()
                && (first.getMissingValue() == null || Long.valueOf(0).equals(first.getMissingValue()));
    }

    /** A fresh iterator per probe: doc values only go forward. Missing is 0, as the index sort and the engine see it. */
    static long timeAt(LeafReader leaf, int doc) throws IOException {
        NumericDocValues times = DocValues.getNumeric(leaf, LogEvent.TIMESTAMP);
        return times.advanceExact(doc) ? times.longValue() : 0;
    }

    static long bytes(LeafReader leaf, int start, int end) throws IOException {
        if (start >= end) {
            return 0;
        }
        NumericDocValues meta = DocValues.getNumeric(leaf, Schema.META);
        long sum = 0;
        for (int doc = meta.advance(start); doc < end; doc = meta.nextDoc()) {
            sum += meta.longValue() >>> 2;
        }
        return sum;
    }
}
