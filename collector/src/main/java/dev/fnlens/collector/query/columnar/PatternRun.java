package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.EventColumns;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.collector.store.TemplatedPatternKeys;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.LeadingPattern;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.pattern.MessageShapes;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Weight;

/**
 * {@code [filter ...] | pattern @message}: the matches' messages counted by shape, segment by segment. A templated
 * message (START, END, REPORT) is shaped once per {@link TemplatedPatternKeys key} in a segment, the others each as
 * read, over many segments in two halves at once ({@link InTwo}); the shapes then go to the engine's
 * {@link LeadingPattern#complete} for the ratios, the order and the rest.
 */
final class PatternRun {
    private final Query query;
    private final LeadingPattern pattern;
    private final Map<String, long[]> counts = new HashMap<>();

    private PatternRun(Query query, LeadingPattern pattern) {
        this.query = query;
        this.pattern = pattern;
    }

    /** The run for a query that is filters and then {@code pattern @message}; null for any other. */
    static PatternRun of(Query query) {
        LeadingPattern pattern = query.leadingPattern().orElse(null);
        return pattern != null && pattern.command().field() instanceof Expr.Field f && f.name().equals(LogEvent.MESSAGE)
                ? new PatternRun(query, pattern) : null;
    }

    QueryResult run(Snapshot snapshot, org.apache.lucene.search.Query lucene, org.apache.lucene.search.Query filter,
                    long from, long to, ExecutionLimits limits, Deadline deadline) throws IOException {
        SegmentScan scan = new SegmentScan(deadline);
        try {
            Weight weight = SegmentScan.weight(snapshot, lucene);
            List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
            int half = InTwo.splitAt(leaves);
            if (half <= 0) {
                scan(leaves, weight, filter, from, to, scan);
            } else {
                PatternRun later = new PatternRun(query, pattern);
                SegmentScan laterScan = new SegmentScan(deadline);
                InTwo.scan(() -> scan(leaves.subList(0, half), weight, filter, from, to, scan),
                        () -> later.scan(leaves.subList(half, leaves.size()), weight, filter, from, to, laterScan));
                later.counts.forEach((shape, n) -> counts.computeIfAbsent(shape, k -> new long[1])[0] += n[0]);
                scan.counted(laterScan.matched(), laterScan.bytes());
            }
        } catch (QueryAbortedException e) {
            // as the row engine: no rows yet, the statistics of what was read
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(),
                    List.of(), statistics(scan));
        }
        Map<String, Long> shaped = new HashMap<>();
        counts.forEach((shape, n) -> shaped.put(shape, n[0]));
        return pattern.complete(shaped, statistics(scan), limits);
    }

    private void scan(List<LeafReaderContext> leaves, Weight weight, org.apache.lucene.search.Query filter, long from,
                      long to, SegmentScan scan) throws IOException {
        // the time is checked within a message too, for what the regex part of shaping non-ASCII text may cost
        MessageShapes shapes = new MessageShapes(scan.deadline());
        for (LeafReaderContext leaf : leaves) {
            scan.tick();
            scan.scan(weight, leaf, collector(leaf, shapes), filter, from, to);
        }
    }

    private static Statistics statistics(SegmentScan scan) {
        return new Statistics(scan.matched(), scan.matched(), scan.bytes());
    }

    private SegmentScan.Collector collector(LeafReaderContext leaf, MessageShapes shapes) throws IOException {
        EventColumns events = new EventColumns(leaf.reader());
        TemplatedPatternKeys keys = new TemplatedPatternKeys(leaf.reader());
        Map<String, long[]> byKey = new HashMap<>(); // this segment's templated shapes: the counts they add to
        return doc -> {
            String key = keys.of(doc);
            long[] count = key == null ? null : byKey.get(key);
            if (count == null) {
                events.moveTo(doc);
                count = counts.computeIfAbsent(shapes.shape((String) events.get(LogEvent.MESSAGE)), s -> new long[1]);
                if (key != null) {
                    byKey.put(key, count);
                }
            }
            count[0]++;
        };
    }
}
