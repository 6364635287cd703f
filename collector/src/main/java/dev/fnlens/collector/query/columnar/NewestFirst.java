package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.NewestDocs;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * {@code [filter ...] [| fields/display ...] | sort @timestamp desc | limit N [| ...]}, the console's query: each
 * segment's last N matches ({@link NewestDocs}), merged by time, are the candidates; every event of the millisecond
 * the N-th falls in is added (the row engine's stable sort keeps those that came first); only these are read and
 * handed to the row engine, in time and ingest order, which runs the whole query over them and gives the rows it
 * would give over every event. The statistics come from the scan ({@link SegmentScan}), as for every column-wise
 * answer.
 */
final class NewestFirst {
    private static final Comparator<NewestDocs.Doc> OLDEST_FIRST = NewestDocs.NEWEST_FIRST.reversed();

    private final Query query;
    private final int size;

    private NewestFirst(Query query, int size) {
        this.query = query;
        this.size = size;
    }

    /** The plan of the query, or null when it sorts otherwise. */
    static NewestFirst of(Query query, ExecutionLimits limits) {
        SortShape shape = SortShape.of(query, limits);
        return shape != null && shape.field().equals(LogEvent.TIMESTAMP) && shape.descending() && shape.size() > 0
                ? new NewestFirst(query, shape.size()) : null;
    }

    /** {@code filter} is {@code lucene} without its time range {@code [from, to]}, as for {@link SegmentScan}. */
    QueryResult run(Snapshot snapshot, org.apache.lucene.search.Query lucene, org.apache.lucene.search.Query filter,
                    long from, long to, ExecutionLimits limits, Deadline deadline) throws IOException {
        List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
        SegmentScan scan = new SegmentScan(deadline);
        List<NewestDocs.Doc> winners;
        try {
            Weight weight = SegmentScan.weight(snapshot, lucene);
            NewestDocs newest = new NewestDocs(size);
            for (LeafReaderContext leaf : leaves) {
                scan.tick();
                NewestDocs.Ring ring = newest.segment(leaf);
                scan.scan(weight, leaf, ring::add, filter, from, to);
            }
            winners = newest.candidates();
            if (winners.size() >= size) { // the N-th may share its millisecond with matches no ring kept
                long last = winners.get(size - 1).timestamp();
                winners.removeIf(d -> d.timestamp() < last);
                addSameMillisecond(snapshot, lucene, last, winners, scan);
            }
        } catch (QueryAbortedException e) {
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(),
                    List.of(), statistics(scan));
        }
        winners.sort(OLDEST_FIRST);
        List<LogEvent> events = snapshot.events(winners.stream().mapToInt(NewestDocs.Doc::doc).toArray());
        QueryResult answer = query.execute(events, limits);
        return new QueryResult(answer.status(), answer.columns(), answer.rows(), statistics(scan));
    }

    /** Every match of millisecond {@code at} that is not among the winners yet (rings keep only N per segment). */
    private static void addSameMillisecond(Snapshot snapshot, org.apache.lucene.search.Query lucene, long at,
                                           List<NewestDocs.Doc> winners, SegmentScan scan) throws IOException {
        org.apache.lucene.search.Query sameMillisecond = new BooleanQuery.Builder()
                .add(lucene, BooleanClause.Occur.FILTER)
                .add(FieldQueries.timeRange(at, at), BooleanClause.Occur.FILTER).build();
        Set<Integer> known = new HashSet<>();
        winners.forEach(d -> known.add(d.doc()));
        List<NewestDocs.Doc> ties = new ArrayList<>();
        Weight weight = SegmentScan.weight(snapshot, sameMillisecond);
        for (LeafReaderContext leaf : snapshot.searcher().getIndexReader().leaves()) {
            scan.tick();
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            IntStream.Builder docs = IntStream.builder();
            DocIdSetIterator matches = scorer.iterator(); // checks a second phase itself
            for (int doc = matches.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs.add(doc);
                }
            }
            NewestDocs.read(leaf, docs.build().toArray(), ties);
        }
        for (NewestDocs.Doc d : ties) {
            if (known.add(d.doc())) {
                winners.add(d);
            }
        }
    }

    private static Statistics statistics(SegmentScan scan) {
        return new Statistics(scan.matched(), scan.matched(), scan.bytes());
    }
}
