package dev.fnlens.collector.store;

import dev.fnlens.collector.background.TaskFailures;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UTC day's Lucene index. Its commit records the write-ahead log sequence it covers
 * ({@link LuceneStore#SEQ_KEY}): every event of that day from a record up to that
 * sequence is in the commit. A commit made while indexing went on ({@link #LATER_RECORDS}) may also hold some events
 * of later records, still in the log: they are deleted by {@code @@seq} when the writer opens again, before the log's
 * records are added again, so none is counted twice. Nothing is committed on close.
 *
 * <p>The {@link IndexWriter} (and its memory) exists only while the day is written to: a day
 * found on disk opens for reading, a write opens the writer, and {@link #closeWriterIfIdle}
 * closes it once everything is committed and nothing came for a while. Writes ({@link #addAll})
 * may come from several indexing threads, {@link #commitIfChanged} too; {@link #closeWriterIfIdle} only while none
 * is adding.
 *
 * <p>A day begun by this build records in its commits that it names every discovered value too long for a term
 * ({@link #NAMES_LONG_VALUES}); queries look for such values in the days before by their key instead
 * ({@link InOlderPartitions}).
 */
final class Partition implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
    /** Commit data: every discovered value too long for a term has its name in {@link Schema#JSON_UNINDEXED}. */
    static final String NAMES_LONG_VALUES = "fnlens.namesLongValues";
    /** Commit data: committed while events were being added, so it may hold events of records after its sequence. */
    static final String LATER_RECORDS = "fnlens.mayHoldLaterRecords";

    final LocalDate day;
    private final FSDirectory directory;
    private final Analyzer analyzer;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private volatile long committedSeq;
    /** The highest record with events added since the writer opened: above {@link #committedSeq}, a commit is due. */
    private final AtomicLong addedSeq = new AtomicLong();
    /** Events of records after the last commit's sequence were deleted: the deletion is to be committed. */
    private volatile boolean trimmed;
    /** The last commit was made while events were being added ({@link #LATER_RECORDS}). */
    private volatile boolean commitMayHoldLater;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean closed;
    private Set<String> termsToo = Set.of();
    private boolean namesLongValues = true;
    /** The refresh a search asked for that has not started yet; guarded by this. */
    private CompletableFuture<Void> askedRefresh;
    /** Told of each refresh: indexing gives way to it. */
    private final Refreshes refreshes;

    private Partition(LocalDate day, FSDirectory directory, Analyzer analyzer, Refreshes refreshes) {
        this.day = day;
        this.directory = directory;
        this.analyzer = analyzer;
        this.refreshes = refreshes;
    }

    static Partition open(Path path, LocalDate day, Analyzer analyzer, Refreshes refreshes) throws IOException {
        FSDirectory directory = FSDirectory.open(path);
        Partition p = new Partition(day, directory, analyzer, refreshes);
        try {
            if (DirectoryReader.indexExists(directory)) {
                DirectoryReader reader = DirectoryReader.open(directory);
                Map<String, String> commitData = reader.getIndexCommit().getUserData();
                p.committedSeq = seqOf(commitData);
                p.namesLongValues = "true".equals(commitData.get(NAMES_LONG_VALUES));
                p.termsToo = termsToo(FieldInfos.getMergedFieldInfos(reader));
                p.searchers = p.timed(new SearcherManager(reader, null));
                if ("true".equals(commitData.get(LATER_RECORDS))) {
                    p.openWriter(); // deletes them: a search must not count them before their records come again
                }
            } else {
                p.openWriter();
            }
            return p;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(p);
            throw e;
        }
    }

    long committedSeq() {
        return committedSeq;
    }

    /**
     * The fields of doc values only ({@link Ids#FIELDS}, {@link Schema#DOC_VALUES_ONLY}) this day also indexes as
     * terms: a day begun by format 2 had the X-Ray ids as keywords, one begun before format 6 {@code @logStream},
     * and Lucene keeps a field's kind for the whole index, so that day goes on writing them so (queries read the
     * doc values either way).
     */
    Set<String> termsToo() {
        return termsToo;
    }

    private static Set<String> termsToo(FieldInfos fields) {
        Set<String> indexed = new HashSet<>();
        for (String field : Schema.WITHOUT_TERMS) {
            FieldInfo info = fields.fieldInfo(field);
            if (info != null && info.getIndexOptions() != IndexOptions.NONE) {
                indexed.add(field);
            }
        }
        return indexed.isEmpty() ? Set.of() : Set.copyOf(indexed);
    }

    /** Whether every discovered value too long for a term in this day has its name in {@link Schema#JSON_UNINDEXED}. */
    boolean namesLongValues() {
        return namesLongValues;
    }

    /** Adds {@code docs}, the events of record {@code seq}, as one block: all or, when Lucene refuses one, none. */
    void addAll(long seq, Iterable<Document> docs) throws IOException {
        IndexWriter w = writer;
        if (w == null) {
            w = openWriter();
        }
        w.addDocuments(docs);
        addedSeq.accumulateAndGet(seq, Math::max);
        lastWriteNanos = System.nanoTime();
    }

    /**
     * Commits, recording {@code seq}, when events of a record after the last commit's sequence were added (or deleted
     * again), or when nothing is being added and the last commit may hold later records (this one says it does not);
     * a no-op otherwise. Every record up to {@code seq} must be added in full. {@code whileAdding}: records
     * after {@code seq} may be being added meanwhile, and whatever of them is added when the commit begins is in it
     * (Lucene writes out every finished block): the commit says so ({@link #LATER_RECORDS}). Such a record also
     * keeps {@link #addedSeq} above the sequence, so the next commit comes even if nothing else does.
     */
    boolean commitIfChanged(long seq, boolean whileAdding) throws IOException {
        IndexWriter w = writer;
        boolean changed = addedSeq.get() > committedSeq || trimmed;
        // with nothing being added, a commit can say that it holds no later records, where the last could not
        if (w == null || !(changed || (commitMayHoldLater && !whileAdding))) {
            return false;
        }
        commit(w, Math.max(seq, committedSeq), whileAdding); // up to the last commit's sequence, all is in it anyway
        return true;
    }

    private void commit(IndexWriter w, long seq, boolean whileAdding) throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put(LuceneStore.SEQ_KEY, Long.toString(seq));
        if (namesLongValues) {
            data.put(NAMES_LONG_VALUES, "true");
        }
        if (whileAdding) {
            data.put(LATER_RECORDS, "true");
        }
        w.setLiveCommitData(data.entrySet());
        trimmed = false;
        w.commit();
        committedSeq = seq;
        commitMayHoldLater = whileAdding;
    }

    /**
     * Closes the writer when all is committed and nothing was added for {@code idleNanos}; true if it did. Call while
     * nothing is being added: then the last commit holds no later records, and says so if it did not (a day that is
     * done is not trimmed at every start).
     */
    synchronized boolean closeWriterIfIdle(long idleNanos) throws IOException {
        IndexWriter w = writer;
        if (w == null || addedSeq.get() > committedSeq || trimmed || System.nanoTime() - lastWriteNanos < idleNanos) {
            return false;
        }
        if (commitMayHoldLater) {
            commit(w, committedSeq, false);
        }
        SearcherManager readers = new SearcherManager(DirectoryReader.open(directory), null);
        SearcherManager old = searchers;
        searchers = readers;
        writer = null;
        IOUtils.close(old, w); // searchers acquired from the old manager stay usable until released
        return true;
    }

    /**
     * Drops the writer and whatever no commit holds, then opens a writer at the last commit
     * (a writer that failed to flush has closed itself for good). If that fails (the disk is
     * still full), the day stays without a writer: the next add opens one.
     */
    synchronized void rollBackWriter() throws IOException {
        IndexWriter w = writer;
        if (w == null) {
            return;
        }
        writer = null;
        IOUtils.closeWhileHandlingException(w); // without commit-on-close, closing rolls back
        openWriter();
    }

    boolean hasWriter() {
        return writer != null;
    }

    void refresh() throws IOException {
        if (closed || writer == null) { // see refreshIfChanged
            return;
        }
        try {
            searchers.maybeRefresh();
        } catch (AlreadyClosedException e) {
            // swapped or closed meanwhile: the next refresh uses the new one
        }
    }

    /**
     * Before a search: makes every event added so far visible, waiting for that at most {@code waitNanos}. The
     * refresh runs on {@code refresher}: flushing what ingest has buffered can take seconds while ingest is heavy,
     * and a search must not wait that long past its time limit; after the wait it reads the view it has (the timer
     * refreshes within a second). Searches that come before the asked refresh starts wait for the same one; one that
     * comes while it runs asks for the next. Nothing is asked when nothing changed: the writer says so without a
     * flush. A day without a writer has not changed since its reader opened (only this process writes it, through
     * {@link #openWriter}, which swaps the searchers first): asking the directory would read its latest commit from
     * disk on every search.
     */
    void refreshIfChanged(Executor refresher, long waitNanos) throws IOException {
        CompletableFuture<Void> refreshed;
        try {
            if (closed || writer == null || searchers.isSearcherCurrent()) {
                return;
            }
            synchronized (this) {
                refreshed = askedRefresh;
                if (refreshed == null) {
                    CompletableFuture<Void> asked = new CompletableFuture<>();
                    refresher.execute(() -> refreshAsked(asked)); // which waits for this block to end
                    askedRefresh = refreshed = asked;
                }
            }
        } catch (AlreadyClosedException | RejectedExecutionException e) {
            return; // swapped or closed meanwhile: the search takes what the new one has
        }
        try {
            refreshed.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the refresh goes on; this search reads the view from before it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            IOException cause = TaskFailures.cause(e);
            throw new IOException("refreshing the searchers of " + day + ": " + cause.getMessage(), cause);
        }
    }

    private void refreshAsked(CompletableFuture<Void> asked) {
        synchronized (this) {
            askedRefresh = null; // from now on a search needs a refresh that starts after this one
        }
        try {
            searchers.maybeRefreshBlocking();
            asked.complete(null);
        } catch (AlreadyClosedException e) {
            asked.complete(null); // swapped or closed meanwhile
        } catch (Throwable t) {
            asked.completeExceptionally(t);
        }
    }

    SearcherManager searchers() {
        return searchers;
    }

    /** Why the writer stopped (disk full, ...), or null. */
    Throwable tragedy() {
        IndexWriter w = writer;
        return w == null ? null : w.getTragicException();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOUtils.close(searchers, writer, directory);
    }

    private synchronized IndexWriter openWriter() throws IOException {
        if (writer != null) {
            return writer;
        }
        if (closed) {
            throw new AlreadyClosedException("partition " + day + " is closed");
        }
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(64)
                .setUseCompoundFile(false)
                .setIndexSort(Schema.INDEX_SORT)
                // LZ4 stored fields in small blocks: searches and `like` filters read each hit's message alone
                .setCodec(new IndexCodec())
                // a refresh or commit returns once flushed, without waiting (up to 500 ms by default) for merges of
                // the small segments it made: commits pause indexing, and a search waits for its refresh
                .setMaxFullFlushMergeWaitMillis(0);
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setNoCFSRatio(0);
        config.setMergePolicy(merges);
        IndexWriter w = new IndexWriter(directory, config);
        Map<String, String> commitData = commitData(w);
        commitMayHoldLater = "true".equals(commitData.get(LATER_RECORDS));
        if (commitMayHoldLater) {
            // events of records the commit does not cover: the write-ahead log still has those records, whole
            w.deleteDocuments(NumericDocValuesField.newSlowRangeQuery(Schema.SEQ, committedSeq + 1, Long.MAX_VALUE));
            trimmed = true;
            LOG.info("{}: events of write-ahead log records after {} that its last commit may hold are deleted; the log"
                    + " adds those records again", day, committedSeq);
        }
        addedSeq.set(committedSeq);
        SearcherManager old = searchers;
        searchers = timed(new SearcherManager(w, null));
        writer = w;
        IOUtils.close(old);
        return w;
    }

    /** {@code searchers}, telling {@link #refreshes} when each refresh starts and ends. */
    private SearcherManager timed(SearcherManager searchers) {
        searchers.addListener(new ReferenceManager.RefreshListener() {
            private long started; // refreshes of one manager take turns under its lock

            @Override
            public void beforeRefresh() {
                started = System.nanoTime();
                refreshes.started();
            }

            @Override
            public void afterRefresh(boolean didRefresh) { // called whatever the refresh came to
                refreshes.ended(System.nanoTime() - started, didRefresh);
            }
        });
        return searchers;
    }

    /**
     * Flushes what the indexing threads buffered while {@code refreshes} has one under way: the refresh's own flush
     * when it has begun, else the largest buffer, which the refresh then need not flush.
     */
    void helpFlush() throws IOException {
        IndexWriter w = writer;
        try {
            while (w != null && refreshes.underWay() && w.flushNextBuffer()) {
                // next buffer
            }
        } catch (AlreadyClosedException e) {
            // swapped or closed meanwhile
        }
    }

    private static Map<String, String> commitData(IndexWriter w) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> entries = w.getLiveCommitData();
        if (entries != null) {
            entries.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    private static long seqOf(Map<String, String> commitData) {
        String seq = commitData.get(LuceneStore.SEQ_KEY);
        return seq == null ? 0 : Long.parseLong(seq);
    }
}
