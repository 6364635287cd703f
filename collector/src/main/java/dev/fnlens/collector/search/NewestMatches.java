package dev.fnlens.collector.search;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;

/**
 * The newest N matches of a search and how many matched, reading no value per match. Every segment is sorted
 * oldest first, the same millisecond in ingest order ({@code Schema.INDEX_SORT}), so a segment's newest N matches
 * are its last N matching documents: each match costs one int in a ring. Only the kept documents' time and ingest
 * order are read, to merge the segments newest first. (A sort on {@code @timestamp} descending instead copies
 * nearly every match into its queue, since in ascending segments each match beats the one before.)
 */
final class NewestMatches implements CollectorManager<NewestMatches.Rings, NewestMatches.Result> {
    private static final Comparator<Candidate> NEWEST_FIRST = Comparator.comparingLong(Candidate::timestamp)
            .thenComparingLong(Candidate::seq).thenComparingInt(Candidate::idx).reversed();

    private final int limit;

    NewestMatches(int limit) {
        this.limit = limit;
    }

    record Result(ScoreDoc[] newest, long matched) {
    }

    @Override
    public Rings newCollector() {
        return new Rings(limit);
    }

    @Override
    public Result reduce(Collection<Rings> collectors) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        long matched = 0;
        for (Rings rings : collectors) {
            for (Ring ring : rings.rings) {
                matched += ring.seen;
                ring.addCandidates(candidates);
            }
        }
        candidates.sort(NEWEST_FIRST);
        ScoreDoc[] newest = new ScoreDoc[Math.min(limit, candidates.size())];
        for (int i = 0; i < newest.length; i++) {
            newest[i] = new ScoreDoc(candidates.get(i).doc, Float.NaN);
        }
        return new Result(newest, matched);
    }

    private record Candidate(int doc, long timestamp, long seq, int idx) {
    }

    /** One collector: a ring per segment it saw. */
    static final class Rings implements Collector {
        private final int limit;
        private final List<Ring> rings = new ArrayList<>();

        Rings(int limit) {
            this.limit = limit;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            Ring ring = new Ring(context, limit);
            rings.add(ring);
            return ring;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** A segment's last {@code limit} matching documents, oldest overwritten first, and how many matched. */
    private static final class Ring implements LeafCollector {
        private final LeafReaderContext context;
        private final int[] docs;
        private int next;
        private long seen;

        Ring(LeafReaderContext context, int limit) {
            this.context = context;
            this.docs = new int[limit];
        }

        @Override
        public void setScorer(Scorable scorer) {
        }

        @Override
        public void collect(int doc) {
            seen++;
            if (docs.length > 0) {
                docs[next] = doc;
                next = next + 1 == docs.length ? 0 : next + 1;
            }
        }

        /** The kept documents with their sort keys, read in doc id order (doc values only go forward). */
        void addCandidates(List<Candidate> out) throws IOException {
            int kept = (int) Math.min(seen, docs.length);
            if (kept == 0) {
                return;
            }
            int[] ascending = new int[kept];
            int oldest = seen > docs.length ? next : 0;
            for (int i = 0; i < kept; i++) {
                ascending[i] = docs[(oldest + i) % docs.length];
            }
            Arrays.sort(ascending); // already ascending; a guard should a scorer ever visit out of order
            NumericDocValues timestamps = DocValues.getNumeric(context.reader(), LogEvent.TIMESTAMP);
            NumericDocValues seqs = DocValues.getNumeric(context.reader(), Schema.SEQ);
            NumericDocValues idxs = DocValues.getNumeric(context.reader(), Schema.IDX);
            for (int doc : ascending) {
                out.add(new Candidate(context.docBase + doc, valueOf(timestamps, doc), valueOf(seqs, doc),
                        (int) valueOf(idxs, doc)));
            }
        }

        private static long valueOf(NumericDocValues values, int doc) throws IOException {
            return values.advanceExact(doc) ? values.longValue() : Long.MIN_VALUE;
        }
    }
}
