package dev.fnlens.collector.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/** A point-in-time view over some partitions; close it to release their readers. */
public final class Snapshot implements Closeable {
    private final List<SearcherManager> managers = new ArrayList<>();
    private final List<IndexSearcher> acquired = new ArrayList<>();
    private final MultiReader reader;
    private final IndexSearcher searcher;

    Snapshot(List<Partition> partitions) throws IOException {
        try {
            for (Partition p : partitions) {
                IndexSearcher s = p.searchers().acquire();
                managers.add(p.searchers());
                acquired.add(s);
            }
            IndexReader[] readers = acquired.stream().map(IndexSearcher::getIndexReader).toArray(IndexReader[]::new);
            this.reader = new MultiReader(readers, false);
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        this.searcher = new IndexSearcher(reader);
    }

    public IndexSearcher searcher() {
        return searcher;
    }

    public int partitions() {
        return acquired.size();
    }

    /** Documents in the partitions this snapshot covers. */
    public long documents() {
        return reader.maxDoc();
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
