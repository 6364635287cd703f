package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.ScaledNumbers;
import dev.fnlens.collector.store.Schema;
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
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * {@code [filter ...] [| fields/display ...] | sort <Lambda number> asc|desc | limit N [| ...]}: the top N by the
 * number's doc values ({@link TopHeap}), ties broken by time and ingest order as the engine's stable sort breaks
 * them, missing values last; then
 * only the N winners are read and handed to the row engine, which runs the whole query over them and gives the same
 * rows as over every event. Taken only when the field holds no value outside its scaled longs
 * ({@link ScaledNumbers#scaledColumn}), whose order is the order of the numbers.
 */
final class TopK {
    private final Query query;
    private final String field;
    private final boolean descending;
    private final int size;

    private TopK(Query query, String field, boolean descending, int size) {
        this.query = query;
        this.field = field;
        this.descending = descending;
        this.size = size;
    }

    /** The top-k plan of the query, or null when the row engine must answer it. */
    static TopK of(Query query, ExecutionLimits limits) {
        SortShape shape = SortShape.of(query, limits);
        return shape == null || !Schema.DOUBLES.contains(shape.field()) ? null
                : new TopK(query, shape.field(), shape.descending(), shape.size());
    }

    /**
     * The answer, or null when a segment holds values of the field that are not scaled. {@code filter} is
     * {@code lucene} without its time range {@code [from, to]}: a segment wholly inside the range that was searched
     * before with the same filter gives its statistics from its {@link SegmentFacts}; the blocks of documents of
     * such segments are then visited best value first, until no block can enter the top N.
     */
    QueryResult run(Snapshot snapshot, org.apache.lucene.search.Query lucene, org.apache.lucene.search.Query filter,
                    long from, long to, ExecutionLimits limits, Deadline deadline) throws IOException {
        List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
        for (LeafReaderContext leaf : leaves) {
            if (leaf.reader().getFieldInfos().fieldInfo(field + ScaledNumbers.RAW_SUFFIX) != null) {
                return null;
            }
        }
        TopHeap top = new TopHeap(size, descending);
        SegmentScan scan = new SegmentScan(deadline);
        try {
            Weight weight = SegmentScan.weight(snapshot, lucene);
            List<Block> blocks = new ArrayList<>(); // of the segments known
            long[][] pieceBest = new long[leaves.size()][]; // of the segments known: the best value of each piece
            for (LeafReaderContext leaf : leaves) {
                scan.tick();
                LeafReader reader = leaf.reader();
                SegmentFacts facts = SegmentFacts.within(reader, from, to) ? SegmentFacts.of(reader) : null;
                long[] tally = facts == null ? null : facts.tally(filter);
                if (tally == null) {
                    scan.scan(weight, leaf, collector(top, reader, leaf.docBase), filter, from, to);
                } else {
                    scan.counted(tally[0], tally[1]);
                    long[][] ranges = facts.blockRanges(reader, field);
                    long[] best = ranges[descending ? 0 : 1];
                    pieceBest[leaf.ord] = ranges[descending ? 2 : 3];
                    for (int b = 0; b < best.length; b++) {
                        blocks.add(new Block(descending ? ~best[b] : best[b], leaf.ord, b));
                    }
                }
            }
            // the most promising blocks first: once one cannot enter, none of the rest can. Usually a few dozen
            // of the thousands are visited, so they are taken from a heap rather than all sorted.
            PriorityQueue<Block> promising = new PriorityQueue<>(blocks);
            for (Block block = promising.poll(); block != null; block = promising.poll()) {
                scan.tick();
                if (top.beaten(descending ? ~block.key() : block.key())) {
                    break;
                }
                visit(weight, leaves.get(block.segment()), block.number(), pieceBest[block.segment()], top, scan);
            }
        } catch (QueryAbortedException e) {
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(),
                    List.of(), statistics(scan));
        }
        List<LogEvent> winners = snapshot.events(top.docs().stream().mapToInt(Integer::intValue).toArray());
        QueryResult answer = query.execute(winners, limits);
        return new QueryResult(answer.status(), answer.columns(), answer.rows(), statistics(scan));
    }

    /**
     * A block of documents of a segment, by the best value in it: {@code key} is that value, or its complement
     * ({@code ~value}, the same order reversed without overflow) when the largest come first.
     */
    private record Block(long key, int segment, int number) implements Comparable<Block> {
        @Override
        public int compareTo(Block other) {
            return Long.compare(key, other.key);
        }
    }

    /** Offers a segment's events, visited in increasing document order. */
    private SegmentScan.Collector collector(TopHeap top, LeafReader reader, int docBase) throws IOException {
        NumericDocValues values = ScaledNumbers.scaledColumn(reader, field);
        TopHeap.Leaf offers = top.leaf(reader, docBase);
        long missing = top.missing();
        return doc -> offers.offer(doc, values.advanceExact(doc) ? values.longValue() : missing);
    }

    /**
     * Offers the matches of one block of documents (fresh iterators: blocks come in any order), skipping its pieces
     * whose best value cannot enter the top N.
     */
    private void visit(Weight weight, LeafReaderContext leaf, int block, long[] pieceBest, TopHeap top, SegmentScan scan)
            throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator docs = twoPhase != null ? twoPhase.approximation() : scorer.iterator();
        SegmentScan.Collector collector = collector(top, leaf.reader(), leaf.docBase);
        int start = block * SegmentFacts.BLOCK;
        int end = Math.min(leaf.reader().maxDoc(), start + SegmentFacts.BLOCK);
        int doc = -1;
        for (int from = start; from < end; from += SegmentFacts.PIECE) {
            if (top.beaten(pieceBest[from / SegmentFacts.PIECE])) {
                continue;
            }
            int to = Math.min(end, from + SegmentFacts.PIECE);
            if (doc < from) {
                doc = docs.advance(from);
            }
            for (; doc < to; doc = docs.nextDoc()) {
                scan.visited();
                if (twoPhase == null || twoPhase.matches()) {
                    collector.collect(doc);
                }
            }
        }
    }

    private static Statistics statistics(SegmentScan scan) {
        return new Statistics(scan.matched(), scan.matched(), scan.bytes());
    }
}
