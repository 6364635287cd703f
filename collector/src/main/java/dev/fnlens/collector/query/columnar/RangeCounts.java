package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * {@code stats count(*) [by bin(p)]} over a time range and nothing else: a segment is sorted by time, so the events
 * of the range, and those of each bin, are runs of documents whose ends a binary search over the time column finds;
 * no document is visited. The statistics' message bytes of a segment wholly in the range come from a per-segment
 * total, computed once (segments never change); a segment cut by the range sums the bytes of its run.
 */
final class RangeCounts {
    /** Message bytes of whole segments, by segment core; dropped when the segment closes. */
    private static final Map<IndexReader.CacheKey, Long> SEGMENT_BYTES = new ConcurrentHashMap<>();

    private final long from;
    private final long to;

    RangeCounts(long from, long to) {
        this.from = from;
        this.to = to;
    }

    /** Whether the aggregation is only count(*), by nothing or by one time bin. */
    static boolean applies(StatsShape shape) {
        return shape.aggregates().stream().allMatch(a -> a.kind() == StatsShape.Kind.ROWS)
                && (shape.keys().isEmpty() || shape.keys().size() == 1 && shape.keys().get(0) instanceof StatsShape.Bin);
    }

    /**
     * Counts the segment's events of the range into {@code counts}; false (nothing counted) when the segment has
     * deletions or is not sorted by time, and its matches must be visited.
     */
    boolean count(LeafReader leaf, Groups groups, StatsShape.Bin bin, GroupAggregates.Count[] counts, SegmentScan scan)
            throws IOException {
        if (leaf.getLiveDocs() != null || !sortedByTime(leaf.getMetaData().getSort())) {
            return false;
        }
        int start = firstAtLeast(leaf, from, 0, leaf.maxDoc());
        int end = to == Long.MAX_VALUE ? leaf.maxDoc() : firstAtLeast(leaf, to + 1, start, leaf.maxDoc());
        for (int at = start; at < end; ) {
            int next = end;
            int group = 0;
            if (bin != null) { // the events of a bin run up to the first one of a later bin
                long t = timeAt(leaf, at);
                long p = bin.periodMillis();
                long from = p <= 0 ? t : Math.floorDiv(t, p) * p; // as the engine's datefloor
                long until = p <= 0 ? t + 1 : from + p;
                next = until <= t ? end : firstAtLeast(leaf, until, at + 1, end);
                group = groups.binGroup(from);
            }
            for (GroupAggregates.Count c : counts) {
                c.addRows(group, next - at);
            }
            at = next;
            scan.tick();
        }
        scan.counted(end - start, start == 0 && end == leaf.maxDoc() ? segmentBytes(leaf) : bytes(leaf, start, end));
        return true;
    }

    private static boolean sortedByTime(Sort sort) {
        if (sort == null || sort.getSort().length == 0) {
            return false;
        }
        SortField first = sort.getSort()[0];
        return first.getField().equals(LogEvent.TIMESTAMP) && first.getType() == SortField.Type.LONG && !first.getReverse()
                && (first.getMissingValue() == null || Long.valueOf(0).equals(first.getMissingValue()));
    }

    /** The first document in {@code [lo, hi)} at or after {@code time}, or {@code hi}. */
    private static int firstAtLeast(LeafReader leaf, long time, int lo, int hi) throws IOException {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeAt(leaf, mid) < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A fresh iterator per probe: doc values only go forward. Missing is 0, as the index sort and the engine see it. */
    private static long timeAt(LeafReader leaf, int doc) throws IOException {
        NumericDocValues times = DocValues.getNumeric(leaf, LogEvent.TIMESTAMP);
        return times.advanceExact(doc) ? times.longValue() : 0;
    }

    private static long segmentBytes(LeafReader leaf) throws IOException {
        IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
        if (helper == null) {
            return bytes(leaf, 0, leaf.maxDoc());
        }
        IndexReader.CacheKey key = helper.getKey();
        Long known = SEGMENT_BYTES.get(key);
        if (known == null) {
            known = bytes(leaf, 0, leaf.maxDoc());
            if (SEGMENT_BYTES.putIfAbsent(key, known) == null) {
                helper.addClosedListener(SEGMENT_BYTES::remove);
            }
        }
        return known;
    }

    private static long bytes(LeafReader leaf, int start, int end) throws IOException {
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
