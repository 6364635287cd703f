package dev.fnlens.collector.store;

import java.io.Closeable;
import java.io.IOException;
import dev.fnlens.collector.event.LogEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;

/** A point-in-time view over some partitions; close it to release their readers. */
public final class Snapshot implements Closeable {
    private final List<SearcherManager> managers = new ArrayList<>();
    private final List<IndexSearcher> acquired = new ArrayList<>();
    private final List<Boolean> namesLongValues = new ArrayList<>(); // by acquired partition
    private final MultiReader reader;
    private final Searcher searcher;

    Snapshot(List<Partition> partitions) throws IOException {
        try {
            for (Partition p : partitions) {
                acquire(p);
            }
            IndexReader[] readers = acquired.stream().map(IndexSearcher::getIndexReader).toArray(IndexReader[]::new);
            this.reader = new MultiReader(readers, false);
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        boolean[] leavesNaming = new boolean[reader.leaves().size()];
        List<List<LeafReaderContext>> days = leavesByPartition();
        for (int d = 0; d < days.size(); d++) {
            for (LeafReaderContext leaf : days.get(d)) {
                leavesNaming[leaf.ord] = namesLongValues.get(d);
            }
        }
        this.searcher = new Searcher(reader, leavesNaming);
    }

    /** The searcher of a snapshot: knows which partition each segment is of. */
    static final class Searcher extends IndexSearcher {
        private final boolean[] leavesNamingLongValues;

        private Searcher(IndexReader reader, boolean[] leavesNamingLongValues) {
            super(reader);
            this.leavesNamingLongValues = leavesNamingLongValues;
        }

        @Override
        public Query rewrite(Query original) throws IOException {
            return super.rewrite(TemplatedSearch.include(original)); // templated messages have no @message terms
        }

        /** Whether the segment's day names every discovered value too long for a term ({@link Partition}). */
        boolean namesLongValues(LeafReaderContext leaf) {
            return leavesNamingLongValues[leaf.ord];
        }
    }

    /** Takes the partition's current searcher; one swapped or dropped meanwhile is retried or left out. */
    private void acquire(Partition p) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            SearcherManager manager = p.searchers();
            try {
                IndexSearcher s = manager.acquire();
                managers.add(manager);
                acquired.add(s);
                namesLongValues.add(p.namesLongValues());
                return;
            } catch (AlreadyClosedException e) {
                // the writer was opened or closed meanwhile, or the day dropped: look again
            }
        }
    }

    public IndexSearcher searcher() {
        return searcher;
    }

    public int partitions() {
        return acquired.size();
    }

    /** The segments of each partition, in day order, as leaves of {@link #searcher()}. */
    public List<List<LeafReaderContext>> leavesByPartition() {
        List<List<LeafReaderContext>> days = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        int at = 0;
        for (IndexSearcher s : acquired) {
            int n = s.getIndexReader().leaves().size();
            days.add(leaves.subList(at, at + n));
            at += n;
        }
        return days;
    }

    /** Documents in the partitions this snapshot covers. */
    public long documents() {
        return reader.maxDoc();
    }

    /** The events of these hits (doc ids of {@link #searcher()}), in the hits' order. */
    public List<LogEvent> events(ScoreDoc[] hits) throws IOException {
        int[] docs = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
        }
        return events(docs);
    }

    /**
     * The events of {@code docs} (ids across all segments), in that order. Read in document order, one segment at a
     * time, so that each segment's columns are opened once and its stored messages read forward.
     */
    public List<LogEvent> events(int[] docs) throws IOException {
        Integer[] byDoc = new Integer[docs.length];
        for (int i = 0; i < docs.length; i++) {
            byDoc[i] = i;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(i -> docs[i]));
        LogEvent[] events = new LogEvent[docs.length];
        List<LeafReaderContext> leaves = reader.leaves();
        EventColumns columns = null;
        int leafIndex = -1;
        for (int i : byDoc) {
            int leaf = ReaderUtil.subIndex(docs[i], leaves);
            if (leaf != leafIndex) {
                leafIndex = leaf;
                columns = new EventColumns(leaves.get(leaf).reader());
            }
            columns.moveTo(docs[i] - leaves.get(leaf).docBase);
            events[i] = columns.toEvent();
        }
        return Arrays.asList(events);
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            release();
        }
    }

    private void release() throws IOException {
        for (int i = 0; i < acquired.size(); i++) {
            managers.get(i).release(acquired.get(i));
        }
        acquired.clear();
    }
}
