package dev.fnlens.collector.query.columnar;

import java.io.IOException;
import org.apache.lucene.index.LeafReader;

/**
 * {@code stats count(*) [by bin(p)]} over a time range and nothing else: a segment is sorted by time, so the events
 * of the range, and those of each bin, are runs of documents whose ends a binary search over the time column finds;
 * no document is visited. The statistics' message bytes of a segment wholly in the range come from its
 * {@link SegmentFacts}, computed once; a segment cut by the range sums the bytes of its run.
 */
final class RangeCounts {
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
        SegmentFacts facts = SegmentFacts.of(leaf);
        if (leaf.getLiveDocs() != null || !SegmentFacts.sortedByTime(leaf)) {
            return false;
        }
        int start = firstAtLeast(leaf, from, 0, leaf.maxDoc());
        int end = to == Long.MAX_VALUE ? leaf.maxDoc() : firstAtLeast(leaf, to + 1, start, leaf.maxDoc());
        for (int at = start; at < end; ) {
            int next = end;
            int group = 0;
            if (bin != null) { // the events of a bin run up to the first one of a later bin
                long t = SegmentFacts.timeAt(leaf, at);
                long until = bin.end(t);
                next = until <= t ? end : firstAtLeast(leaf, until, at + 1, end);
                group = groups.binGroup(bin.start(t));
            }
            for (GroupAggregates.Count c : counts) {
                c.addRows(group, next - at);
            }
            at = next;
            scan.tick();
        }
        boolean whole = start == 0 && end == leaf.maxDoc() && facts != null;
        scan.counted(end - start, whole ? facts.allBytes(leaf) : SegmentFacts.bytes(leaf, start, end));
        return true;
    }

    /** The first document in {@code [lo, hi)} at or after {@code time}, or {@code hi}. */
    static int firstAtLeast(LeafReader leaf, long time, int lo, int hi) throws IOException {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (SegmentFacts.timeAt(leaf, mid) < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
