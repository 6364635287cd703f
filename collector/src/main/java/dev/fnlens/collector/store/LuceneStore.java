package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.IntroSorter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events in Lucene, one index per UTC day under {@code <root>/YYYY-MM-DD}, so that
 * retention can drop whole days and a time-range search opens only the days it covers.
 *
 * <p>Writes come from the indexer: {@link #add} from its indexing threads, {@link #commitWhileAdding} from its
 * maintenance thread meanwhile, {@link #commit} while none of them is inside a record; searches and refreshes may
 * come from any.
 */
public final class LuceneStore implements Closeable {
    /** Commit user data key: the last write-ahead log sequence the commit covers. */
    public static final String SEQ_KEY = "fnlens.walSeq";
    private static final String FORMAT_FILE = "format";
    /** The highest sequence a dropped day's commit covered, so sequences never go back. */
    private static final String DROPPED_SEQ_FILE = "dropped-seq";
    private static final Logger LOG = LoggerFactory.getLogger(LuceneStore.class);
    /**
     * Lucene's default of 1,024 clauses, for each of which {@link TemplatedSearch} may add two (the templated lines'
     * values and shapes), and a few for the time range and filters: a search of 1,000 words is answered as before
     * templated lines lost their terms. Set before any search of this store parses its query (the limit is
     * Lucene's, one per process).
     */
    private static final int MAX_CLAUSES = 3 * 1024 + 64;
    /**
     * How long a search waits for the refresh that makes the newest events visible: as long as the timer may leave
     * them invisible anyway (events are searchable within a second).
     */
    static final Duration SEARCH_REFRESH_WAIT = Duration.ofSeconds(1);

    static {
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), MAX_CLAUSES));
    }

    private final Path root;
    private final Analyzer analyzer = Schema.indexAnalyzer();
    private final NavigableMap<LocalDate, Partition> partitions = new ConcurrentSkipListMap<>();
    private final AtomicLong rejectedDocuments = new AtomicLong();
    private final Refreshes refreshes = new Refreshes();
    private final AtomicLong expiredEvents = new AtomicLong();
    private volatile LocalDate oldestKept;
    private volatile long droppedSeq;
    /** The day of the last event: nearly every event falls on the same day as the one before. */
    private static volatile LocalDate lastDay;
    private volatile long lastSearchNanos = System.nanoTime() - (1L << 62);
    /** Refreshes the searches ask for, so that none waits for one past {@link #SEARCH_REFRESH_WAIT}. */
    private final ExecutorService searchRefresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fnlens-search-refresh");
        t.setDaemon(true);
        return t;
    });

    private LuceneStore(Path root) {
        this.root = root;
    }

    /** Opens every day partition found under {@code root}. */
    public static LuceneStore open(Path root) throws IOException {
        Files.createDirectories(root);
        checkFormat(root);
        LuceneStore store = new LuceneStore(root);
        Path dropped = root.resolve(DROPPED_SEQ_FILE);
        if (Files.exists(dropped)) {
            store.droppedSeq = Long.parseLong(Files.readString(dropped).strip());
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                LocalDate day = parseDay(dir);
                if (day != null && Files.isDirectory(dir)) {
                    store.partitions.put(day, Partition.open(dir, day, store.analyzer, store.refreshes));
                }
            }
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(store);
            throw e;
        }
        return store;
    }

    /**
     * Adds the events of write-ahead log record {@code seq}, skipping those whose day
     * partition already committed that record (replay after a crash). Returns how many
     * were added.
     *
     * <p>Each day's events go in as one block, in the index's sort order (time, then ingest order): a block lands in
     * one in-memory segment in a row, and a segment made of a few sorted runs is cheap to sort when it is flushed.
     * Added one by one, events of different requests and threads interleaved in every segment, and re-sorting each
     * term's postings at flush took about a tenth of the collector's ingest CPU.
     */
    public int add(long seq, List<LogEvent> events) throws IOException {
        LocalDate keepFrom = oldestKept;
        List<Integer> block = new ArrayList<>();
        Partition blockDay = null;
        int added = 0;
        for (int i : inIndexOrder(events)) {
            LocalDate day = day(events.get(i).timestamp());
            if (keepFrom != null && day.isBefore(keepFrom)) {
                expiredEvents.incrementAndGet(); // its day is past retention: it would only be dropped again
                continue;
            }
            Partition partition = partition(day);
            if (seq <= partition.committedSeq()) {
                continue;
            }
            if (partition != blockDay) {
                added += addBlock(blockDay, seq, events, block);
                block.clear();
                blockDay = partition;
            }
            block.add(i);
        }
        return added + addBlock(blockDay, seq, events, block);
    }

    /** The positions of {@code events} by time, the same millisecond in ingest order, as {@link Schema#INDEX_SORT}. */
    static int[] inIndexOrder(List<LogEvent> events) {
        int[] order = new int[events.size()];
        long[] times = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            times[i] = events.get(i).timestamp();
        }
        new IntroSorter() {
            private int pivot;

            @Override
            protected void swap(int i, int j) {
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }

            @Override
            protected void setPivot(int i) {
                pivot = order[i];
            }

            @Override
            protected int comparePivot(int j) {
                return compareEvents(pivot, order[j]);
            }

            @Override
            protected int compare(int i, int j) {
                return compareEvents(order[i], order[j]);
            }

            private int compareEvents(int a, int b) {
                int byTime = Long.compare(times[a], times[b]);
                return byTime != 0 ? byTime : Integer.compare(a, b);
            }
        }.sort(0, order.length);
        return order;
    }

    private int addBlock(Partition partition, long seq, List<LogEvent> events, List<Integer> block) throws IOException {
        if (block.isEmpty()) {
            return 0;
        }
        Iterable<Document> documents = () -> block.stream()
                .map(i -> DocumentMapper.toDocument(events.get(i), seq, Schema.IN_BLOCK, partition.termsToo())).iterator();
        try {
            partition.addAll(seq, documents);
            return block.size();
        } catch (IllegalArgumentException e) {
            // Lucene refused a document (e.g. a term over 32 KB) and with it the block: each again on its own, with
            // its position, for a flush may come between them
        }
        int added = 0;
        for (int i : block) {
            try {
                partition.addAll(seq, List.of(DocumentMapper.toDocument(events.get(i), seq, i, partition.termsToo())));
                added++;
            } catch (IllegalArgumentException e) {
                rejectedDocuments.incrementAndGet();
                LOG.warn("event not indexed (record {}, #{}): {}", seq, i, e.getMessage());
            }
        }
        return added;
    }

    /** Tells {@code times} how long each refresh that made new events searchable took, in nanoseconds. */
    public void timeRefreshes(LongConsumer times) {
        refreshes.timeWith(times);
    }

    /**
     * Called by an indexing thread before it takes a record: while a refresh is under way that began after
     * {@code gaveWayTo} (what this returned to the thread last time, 0 the first), helps flush, then waits at most
     * {@code maxWaitNanos} for the refreshes to end. Returns what to pass next time. A refresh runs only while someone
     * searches, and they search for the newest events: under full ingest a refresh that gets the cores ends in a
     * fraction of the time (docs/benchmarks.md, "Indexing gives way to refreshes").
     */
    public long giveWayToRefresh(long gaveWayTo, long maxWaitNanos) throws IOException, InterruptedException {
        if (!refreshes.newSince(gaveWayTo)) {
            return gaveWayTo;
        }
        for (Partition p : partitions.values()) {
            p.helpFlush();
        }
        return refreshes.awaitNone(maxWaitNanos);
    }

    /**
     * Commits every partition with uncommitted events, recording {@code seq} as covered. Call while nothing is being
     * added, with every record up to {@code seq} added.
     */
    public void commit(long seq) throws IOException {
        commitAll(seq, false);
    }

    /**
     * Commits every partition with uncommitted events while records after {@code seq} may be being added, recording
     * {@code seq} as covered; every record up to it must be added in full. What the commit holds of later records is
     * deleted when the partition's writer opens again (after a crash or a failed write), before the write-ahead log's
     * copies are added, so indexing need not stop for a commit.
     */
    public void commitWhileAdding(long seq) throws IOException {
        commitAll(seq, true);
    }

    private void commitAll(long seq, boolean whileAdding) throws IOException {
        for (Partition p : partitions.values()) {
            p.commitIfChanged(seq, whileAdding);
        }
    }

    /** Makes recently added events visible to searches. */
    public void refresh() throws IOException {
        for (Partition p : partitions.values()) {
            p.refresh();
        }
    }

    /**
     * The timer's refresh: only while someone searched within {@code active}. Each refresh
     * flushes a small segment that merges then rewrite, so an index nobody reads is not
     * refreshed; a search refreshes what it opens first ({@link #snapshot}).
     */
    public void refreshIfSearchedWithin(Duration active) throws IOException {
        if (System.nanoTime() - lastSearchNanos < active.toNanos()) {
            refresh();
        }
    }

    /** The highest sequence any partition's commit covers, dropped ones included; 0 for an empty store. */
    public long maxCommittedSeq() {
        return Math.max(droppedSeq, partitions.values().stream().mapToLong(Partition::committedSeq).max().orElse(0));
    }

    /**
     * Retention: drops whole days before {@code oldestKept} (their directories are deleted;
     * searches that hold them finish first), and from now on does not index events of such
     * days. Call while nothing is being added. Returns the days dropped.
     */
    public List<LocalDate> dropDaysBefore(LocalDate oldestKept) throws IOException {
        this.oldestKept = oldestKept;
        List<LocalDate> dropped = new ArrayList<>();
        for (Partition p : new ArrayList<>(partitions.headMap(oldestKept, false).values())) {
            if (p.committedSeq() > droppedSeq) {
                droppedSeq = p.committedSeq();
                Path marker = root.resolve(DROPPED_SEQ_FILE);
                Path tmp = root.resolve(DROPPED_SEQ_FILE + ".tmp");
                Files.writeString(tmp, Long.toString(droppedSeq));
                IOUtils.fsync(tmp, false);
                Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                IOUtils.fsync(root, true);
            }
            partitions.remove(p.day);
            p.close();
            IOUtils.rm(root.resolve(p.day.toString()));
            dropped.add(p.day);
        }
        return dropped;
    }

    /** Closes the writers of days that got nothing for {@code idle} and have everything committed. Call while nothing is being added. */
    public int closeIdleWriters(Duration idle) throws IOException {
        int closed = 0;
        for (Partition p : partitions.values()) {
            if (p.closeWriterIfIdle(idle.toNanos())) {
                closed++;
            }
        }
        return closed;
    }

    /** Days with an open writer (being written to). */
    public int openWriters() {
        return (int) partitions.values().stream().filter(Partition::hasWriter).count();
    }

    /** Day partitions on disk. */
    public int partitionCount() {
        return partitions.size();
    }

    /** Events not indexed because their day was already past retention. */
    public long expiredEvents() {
        return expiredEvents.get();
    }

    /** A searchable view of the days that overlap {@code [fromMillis, toMillis]}. */
    public Snapshot snapshot(long fromMillis, long toMillis) throws IOException {
        return snapshot(fromMillis, toMillis, SEARCH_REFRESH_WAIT);
    }

    /**
     * A searchable view of the days that overlap {@code [fromMillis, toMillis]}, waiting at most {@code refreshWait}
     * (a query's share of its time limit) for the events not yet visible.
     */
    public Snapshot snapshot(long fromMillis, long toMillis, Duration refreshWait) throws IOException {
        if (fromMillis > toMillis) {
            return new Snapshot(List.of());
        }
        return searched(new ArrayList<>(partitions.subMap(day(fromMillis), true, day(toMillis), true).values()),
                refreshWait);
    }

    /** A searchable view of every day. */
    public Snapshot snapshotAll() throws IOException {
        return searched(new ArrayList<>(partitions.values()), SEARCH_REFRESH_WAIT);
    }

    /** How long a query with this time limit waits for the newest events: half its limit, at most a second. */
    public static Duration refreshWait(Duration queryLimit) {
        Duration half = queryLimit.dividedBy(2);
        return half.compareTo(SEARCH_REFRESH_WAIT) < 0 ? half : SEARCH_REFRESH_WAIT;
    }

    /**
     * A snapshot of these days, each refreshed first if it has events not yet visible, unless that takes longer than
     * {@code refreshWait}: then as the last refresh left it.
     */
    private Snapshot searched(List<Partition> days, Duration refreshWait) throws IOException {
        lastSearchNanos = System.nanoTime();
        for (Partition p : days) {
            p.refreshIfChanged(searchRefresher, refreshWait.toNanos());
        }
        return new Snapshot(days);
    }

    /**
     * After a failed write (a full disk stops a Lucene writer for good): drops whatever no
     * commit holds and opens every day's writer again at its last commit, so the caller can
     * add the lost records again from the write-ahead log. Searches go on over the committed
     * events. Call while nothing is being added.
     */
    public void reopen() throws IOException {
        for (Partition p : partitions.values()) {
            p.rollBackWriter();
        }
    }

    /** Events Lucene refused to index since start. */
    public long rejectedDocuments() {
        return rejectedDocuments.get();
    }

    /** Why a partition's writer stopped (e.g. disk full), or null while healthy. */
    public Throwable failure() {
        return partitions.values().stream().map(Partition::tragedy).filter(t -> t != null).findFirst().orElse(null);
    }

    /** Bytes on disk under the index root. */
    public long sizeBytes() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.mapToLong(LuceneStore::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1; // a file vanished mid-walk (merge); the next scrape will do
        }
    }

    /** Closes without committing: commits happen only through {@link #commit}. */
    @Override
    public void close() throws IOException {
        searchRefresher.shutdown();
        IOUtils.close(new ArrayList<>(partitions.values()));
        partitions.clear();
    }

    /** The searchers of {@code day}'s partition, null when there is none. */
    SearcherManager searchers(LocalDate day) {
        Partition p = partitions.get(day);
        return p == null ? null : p.searchers();
    }

    private Partition partition(LocalDate day) throws IOException {
        Partition p = partitions.get(day);
        if (p != null) {
            return p;
        }
        synchronized (partitions) {
            p = partitions.get(day);
            if (p == null) {
                p = Partition.open(root.resolve(day.toString()), day, analyzer, refreshes);
                partitions.put(day, p);
            }
            return p;
        }
    }

    /** An index written in another layout is refused, not misread. */
    private static void checkFormat(Path root) throws IOException {
        Path marker = root.resolve(FORMAT_FILE);
        String expected = Integer.toString(Schema.FORMAT);
        if (Files.exists(marker)) {
            String found = Files.readString(marker).strip();
            if (Schema.FORMATS_READ_TOO.stream().anyMatch(f -> found.equals(Integer.toString(f)))) {
                Files.writeString(marker, expected + "\n"); // from now on it also holds segments an older fnlens misreads
                return;
            }
            if (!found.equals(expected)) {
                throw new IOException(root + " holds an index of format " + found + ", this fnlens reads format "
                        + expected + ": move it away (and the write-ahead log beside it) to start afresh");
            }
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            if (dirs.anyMatch(d -> parseDay(d) != null)) {
                throw new IOException(root + " holds an index written by an older fnlens (format 1), this fnlens"
                        + " reads format " + expected + ": move it away (and the write-ahead log beside it) to start afresh");
            }
        }
        Files.writeString(marker, expected + "\n");
    }

    private static LocalDate day(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, 86_400_000L);
        LocalDate last = lastDay;
        if (last != null && last.toEpochDay() == epochDay) {
            return last;
        }
        last = LocalDate.ofEpochDay(epochDay);
        lastDay = last;
        return last;
    }

    private static LocalDate parseDay(Path dir) {
        try {
            return LocalDate.parse(dir.getFileName().toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
