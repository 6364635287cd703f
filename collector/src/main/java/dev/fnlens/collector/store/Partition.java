package dev.fnlens.collector.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * One UTC day's Lucene index. Its commit records the write-ahead log sequence it covers
 * ({@link LuceneStore#SEQ_KEY}): every event of that day from a record up to that
 * sequence is in the commit, none after. Nothing is committed on close, so a commit never
 * holds documents its recorded sequence does not cover.
 */
final class Partition implements Closeable {
    final LocalDate day;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile long committedSeq;
    private volatile boolean dirty;

    private Partition(LocalDate day, FSDirectory directory, IndexWriter writer) throws IOException {
        this.day = day;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.committedSeq = seqOf(writer.getLiveCommitData());
    }

    static Partition open(Path path, LocalDate day, Analyzer analyzer) throws IOException {
        FSDirectory directory = FSDirectory.open(path);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false)
                    .setRAMBufferSizeMB(64)
                    .setUseCompoundFile(false)
                    .setIndexSort(Schema.INDEX_SORT)
                    .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION));
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setNoCFSRatio(0);
            config.setMergePolicy(merges);
            return new Partition(day, directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw e;
        }
    }

    long committedSeq() {
        return committedSeq;
    }

    void add(Document doc) throws IOException {
        writer.addDocument(doc);
        dirty = true;
    }

    /** Commits what was added, recording {@code seq}; a no-op when nothing was added. */
    boolean commitIfDirty(long seq) throws IOException {
        if (!dirty) {
            return false;
        }
        writer.setLiveCommitData(Map.of(LuceneStore.SEQ_KEY, Long.toString(seq)).entrySet());
        writer.commit();
        committedSeq = seq;
        dirty = false;
        return true;
    }

    void refresh() throws IOException {
        searchers.maybeRefresh();
    }

    SearcherManager searchers() {
        return searchers;
    }

    /** Why the writer stopped (disk full, ...), or null. */
    Throwable tragedy() {
        return writer.getTragicException();
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }

    private static long seqOf(Iterable<Map.Entry<String, String>> commitData) {
        if (commitData != null) {
            for (Map.Entry<String, String> e : commitData) {
                if (LuceneStore.SEQ_KEY.equals(e.getKey())) {
                    return Long.parseLong(e.getValue());
                }
            }
        }
        return 0;
    }
}
