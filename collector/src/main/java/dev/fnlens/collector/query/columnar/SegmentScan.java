package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.store.Schema;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Hands the matches of a Lucene query to a per-segment collector, segment by segment in doc order (no merge by
 * time: the answers here do not depend on order), and counts what the row engine's statistics count: the events
 * matched and the UTF-8 size of their messages. Checks its deadline every few thousand documents Lucene looks at,
 * also those that do not match, and then throws {@link QueryAbortedException}.
 */
final class SegmentScan {
    private static final int CHECK_EVERY = 4096;

    @FunctionalInterface
    interface Collector {
        void collect(int doc) throws IOException;
    }

    private final Deadline deadline;
    private long matched;
    private long bytes;
    private int ticks;

    /** One per thread: {@code deadline}'s limits, with a tick count of its own. */
    SegmentScan(Deadline deadline) {
        this.deadline = deadline.forAnotherThread();
    }

    long matched() {
        return matched;
    }

    long bytes() {
        return bytes;
    }

    static Weight weight(Snapshot snapshot, Query query) throws IOException {
        IndexSearcher searcher = snapshot.searcher();
        return searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    }

    /**
     * Every match of one segment. A segment wholly in {@code [from, to]} that was read before with the same
     * {@code filter} (the query without its time range) is counted from its {@link SegmentFacts}; otherwise its
     * matches and message bytes are counted as they go, and kept for next time when it can keep them.
     */
    void scan(Weight weight, LeafReaderContext leaf, Collector collector, Query filter, long from, long to)
            throws IOException {
        SegmentFacts facts = SegmentFacts.within(leaf.reader(), from, to) ? SegmentFacts.of(leaf.reader()) : null;
        long[] tally = facts == null ? null : facts.tally(filter);
        if (tally != null) {
            counted(tally[0], tally[1]);
            scan(weight, leaf, collector, false);
            return;
        }
        long matchedBefore = matched;
        long bytesBefore = bytes;
        scan(weight, leaf, collector, true);
        if (facts != null) {
            facts.tally(filter, matched - matchedBefore, bytes - bytesBefore);
        }
    }

    /** Every match of one segment; {@code count}: also the matches and their message bytes. */
    private void scan(Weight weight, LeafReaderContext leaf, Collector collector, boolean count) throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator docs = twoPhase != null ? twoPhase.approximation() : scorer.iterator();
        Bits live = leaf.reader().getLiveDocs();
        NumericDocValues meta = DocValues.getNumeric(leaf.reader(), Schema.META);
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            visited();
            if ((live == null || live.get(doc)) && (twoPhase == null || twoPhase.matches())) {
                if (count) {
                    matched++;
                    if (meta.advanceExact(doc)) {
                        bytes += meta.longValue() >>> 2;
                    }
                }
                collector.collect(doc);
            }
        }
    }

    /** Called for each document Lucene looks at: checks {@code stop} every few thousand. */
    void visited() {
        if (++ticks == CHECK_EVERY) {
            tick();
        }
    }

    /** Counts matches that a collector found without visiting them. */
    void counted(long docs, long messageBytes) {
        matched += docs;
        bytes += messageBytes;
    }

    /** The deadline this scan's thread checks. */
    Deadline deadline() {
        return deadline;
    }

    /** Throws {@link QueryAbortedException} when the query must stop. */
    void tick() {
        ticks = 0;
        deadline.check();
    }
}
