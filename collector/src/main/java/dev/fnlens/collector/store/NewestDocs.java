package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;

/**
 * The newest N of some matching documents, reading no value per match. Every segment is sorted oldest first, the
 * same millisecond in ingest order ({@link Schema#INDEX_SORT}), so a segment's newest N matches are its last N
 * matching documents: each match costs one int in a ring. Only the kept documents' time and ingest order are read,
 * to merge the segments. (A sort on {@code @timestamp} descending instead copies nearly every match into its queue,
 * since in ascending segments each match beats the one before.)
 */
public final class NewestDocs {
    /** Newest first: time, then ingest order, descending. */
    public static final Comparator<Doc> NEWEST_FIRST = Comparator.comparingLong(Doc::timestamp)
            .thenComparingLong(Doc::seq).thenComparingInt(Doc::idx).reversed();

    private final int limit;
    private final List<Ring> rings = new ArrayList<>();

    public NewestDocs(int limit) {
        this.limit = limit;
    }

    /** A document of the snapshot ({@code doc} counts from the first segment) with its sort keys. */
    public record Doc(int doc, long timestamp, long seq, int idx) {
    }

    /** Where one segment's matches go, in increasing doc id order. */
    public Ring segment(LeafReaderContext leaf) {
        Ring ring = new Ring(leaf, limit);
        rings.add(ring);
        return ring;
    }

    public long matched() {
        long matched = 0;
        for (Ring ring : rings) {
            matched += ring.seen;
        }
        return matched;
    }

    /**
     * The newest N matches (fewer if fewer matched), newest first. The segments are taken newest match first, and
     * each one's newest N merged in; once N are known, a segment whose newest match is older than the N-th is not
     * read (one of the same millisecond is: its matches may come later in ingest order).
     */
    public List<Doc> candidates() throws IOException {
        List<Newest> segments = new ArrayList<>();
        for (Ring ring : rings) {
            if (ring.kept() > 0) {
                segments.add(new Newest(ring, ring.newestTime()));
            }
        }
        segments.sort(Comparator.comparingLong(Newest::time).reversed());
        List<Doc> docs = new ArrayList<>();
        for (Newest segment : segments) {
            if (docs.size() >= limit && segment.time() < docs.get(limit - 1).timestamp()) {
                break; // and so are the segments after it
            }
            segment.ring().addKept(docs);
            docs.sort(NEWEST_FIRST);
            if (docs.size() > limit) {
                docs.subList(limit, docs.size()).clear();
            }
        }
        return docs;
    }

    private record Newest(Ring ring, long time) {
    }

    /** A segment's last {@code limit} matching documents, oldest overwritten first, and how many matched. */
    public static final class Ring {
        private final LeafReaderContext leaf;
        private final int[] docs;
        private int next;
        private long seen;

        private Ring(LeafReaderContext leaf, int limit) {
            this.leaf = leaf;
            this.docs = new int[limit];
        }

        public void add(int doc) {
            seen++;
            if (docs.length > 0) {
                docs[next] = doc;
                next = next + 1 == docs.length ? 0 : next + 1;
            }
        }

        private int kept() {
            return (int) Math.min(seen, docs.length);
        }

        /** The time of the newest kept document (there is one). */
        private long newestTime() throws IOException {
            int newest = docs[next == 0 ? docs.length - 1 : next - 1];
            return valueOf(DocValues.getNumeric(leaf.reader(), LogEvent.TIMESTAMP), newest);
        }

        /** The kept documents with their sort keys, read in doc id order (doc values only go forward). */
        private void addKept(List<Doc> out) throws IOException {
            int kept = kept();
            if (kept == 0) {
                return;
            }
            int[] ascending = new int[kept];
            int oldest = seen > docs.length ? next : 0;
            for (int i = 0; i < kept; i++) {
                ascending[i] = docs[(oldest + i) % docs.length];
            }
            read(leaf, ascending, out);
        }
    }

    /** These documents of a segment, in increasing order, with their sort keys. */
    public static void read(LeafReaderContext leaf, int[] ascending, List<Doc> out) throws IOException {
        NumericDocValues timestamps = DocValues.getNumeric(leaf.reader(), LogEvent.TIMESTAMP);
        NumericDocValues seqs = DocValues.getNumeric(leaf.reader(), Schema.SEQ);
        NumericDocValues idxs = DocValues.getNumeric(leaf.reader(), Schema.IDX);
        for (int doc : ascending) {
            out.add(new Doc(leaf.docBase + doc, valueOf(timestamps, doc), valueOf(seqs, doc), (int) Schema.position(idxs, doc)));
        }
    }

    private static long valueOf(NumericDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? values.longValue() : Long.MIN_VALUE;
    }
}
