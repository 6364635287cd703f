package dev.fnlens.collector.store;

import dev.fnlens.collector.background.Guarded;
import dev.fnlens.collector.event.LogEvent;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves durable write-ahead log records into the {@link LuceneStore}: several indexing
 * threads take records in sequence order from one queue; a maintenance thread commits while they go on, recording
 * the last sequence before the first record not yet indexed in full (later records the commit holds in part are
 * deleted and added again if the index is ever reopened at that commit: {@link LuceneStore#commitWhileAdding}).
 * Between records — it waits until no thread is inside one — it drops days past retention and closes the writers of
 * days nobody writes to. While someone searches, a timer refreshes searchers so new events
 * are searchable well within a second; a search refreshes what it opens anyway. Before each record an indexing thread
 * gives way to a refresh under way ({@link LuceneStore#giveWayToRefresh}).
 *
 * <p>Back-pressure: {@link #accept} blocks while {@value #MAX_QUEUED_EVENTS} events wait,
 * which stalls the WAL writer and so the ingest requests, instead of growing the heap.
 *
 * <p>A failed write (a full disk stops a Lucene writer for good) stops indexing but not
 * ingest: records keep arriving in the write-ahead log and are dropped here. Every 1 s to
 * 30 s the {@link Recovery} is tried — roll the index back to its last commit, index the
 * durable records again from the log, commit — and once it succeeds indexing goes on.
 */
public final class Indexer implements Closeable {
    static final int MAX_QUEUED_EVENTS = 10_000;
    /** The timer refreshes only while searches came within this long (see {@link LuceneStore#refreshIfSearchedWithin}). */
    static final Duration SEARCH_ACTIVE = Duration.ofSeconds(30);
    /** The longest an indexing thread waits for a refresh before it takes its next records anyway. */
    static final long GIVE_WAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long MAX_RETRY_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

    /**
     * @param threads             indexing threads
     * @param retentionDays       days kept (today included); 0 keeps everything
     * @param idleWriter          a day's writer closes after this long without events
     * @param maintenanceInterval how often retention and idle writers are looked at
     */
    public record Settings(Duration commitInterval, Duration refreshInterval, int threads, int retentionDays,
                           Duration idleWriter, Duration maintenanceInterval) {
        public static Settings defaults(Duration commitInterval, Duration refreshInterval) {
            return new Settings(commitInterval, refreshInterval, Math.max(1, Math.min(4,
                    Runtime.getRuntime().availableProcessors())), 0, Duration.ofMinutes(10), Duration.ofMinutes(10));
        }

        public Settings withRetentionDays(int days) {
            return new Settings(commitInterval, refreshInterval, threads, days, idleWriter, maintenanceInterval);
        }

        public Settings withThreads(int n) {
            return new Settings(commitInterval, refreshInterval, n, retentionDays, idleWriter, maintenanceInterval);
        }

        public Settings withIdle(Duration idle, Duration interval) {
            return new Settings(commitInterval, refreshInterval, threads, retentionDays, idle, interval);
        }
    }

    private record Batch(long seq, List<LogEvent> events) {
    }

    /** Brings the index back after a failure; returns the sequence it now holds and has committed. */
    @FunctionalInterface
    public interface Recovery {
        long recover() throws IOException;
    }

    private final LuceneStore store;
    private final Settings settings;
    private final Clock clock;
    private final LongConsumer onCommitted;
    private final Recovery recovery;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Semaphore capacity = new Semaphore(MAX_QUEUED_EVENTS);
    /**
     * Each indexing thread holds a permit while inside a record; housekeeping and recovery take them all, first come
     * first served. Not a {@code ReentrantReadWriteLock}: it counts each thread's holds in an object it allocates
     * after the lock is taken, so an {@code OutOfMemoryError} there leaves a hold that no one releases, and no
     * recovery ever runs again. A semaphore allocates only to wait, before it takes anything.
     */
    private final Semaphore between;
    /** The last record accepted; records come in sequence order. */
    private final AtomicLong acceptedSeq;
    /** Records accepted and not yet indexed in full: a commit covers only the records before the first of them. */
    private final ConcurrentSkipListSet<Long> unfinished = new ConcurrentSkipListSet<>();
    private final ScheduledExecutorService refresher;
    private final List<Thread> workers = new ArrayList<>();
    private final Thread maintainer;
    private volatile boolean closing;
    /** Wakes the maintainer to stop: an interrupt during a commit would close the index's file channels. */
    private final CountDownLatch stopMaintaining = new CountDownLatch(1);
    private volatile Throwable failure;
    private long committedSeq;
    /** Records up to here were indexed by a recovery: the queue's copies are skipped. */
    private volatile long skipThrough;
    private volatile long retryAtNanos;
    private long retryMillis = FIRST_RETRY_MILLIS;
    /** The maintainer's own: when it last kept house (retention, idle writers). */
    private long lastMaintenanceNanos;
    private volatile LongConsumer commitPauses = nanos -> { };
    private volatile LongConsumer commitTimes = nanos -> { };
    private volatile LongConsumer giveWayTimes = nanos -> { };

    /**
     * @param onCommitted told the sequence each commit covers (to delete WAL segments)
     */
    public Indexer(LuceneStore store, Settings settings, Clock clock, LongConsumer onCommitted) {
        this(store, settings, clock, onCommitted, null);
    }

    /**
     * @param recovery tried after a failure until it succeeds; null: a failure lasts until restart
     */
    public Indexer(LuceneStore store, Settings settings, Clock clock, LongConsumer onCommitted, Recovery recovery) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.onCommitted = onCommitted;
        this.recovery = recovery;
        this.between = new Semaphore(settings.threads(), true);
        this.committedSeq = store.maxCommittedSeq();
        this.acceptedSeq = new AtomicLong(committedSeq);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fnlens-index-refresh"));
        long refreshMs = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(Guarded.task(LOG, "refreshing searchers", this::refresh), refreshMs, refreshMs,
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = daemon(this::work, "fnlens-indexer-" + i);
            workers.add(t);
            t.start();
        }
        this.maintainer = daemon(this::maintain, "fnlens-index-maintenance");
        maintainer.start();
    }

    /** The first day retention keeps, on the indexer's clock; null when everything is kept. */
    public static LocalDate oldestKept(int retentionDays, Clock clock) {
        return retentionDays <= 0 ? null : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(retentionDays - 1L);
    }

    /** Tells {@code pauses} how long each pause of indexing (housekeeping, recovery) took, in nanoseconds. */
    public void timeCommitPauses(LongConsumer pauses) {
        commitPauses = pauses;
    }

    /** Tells {@code times} how long each commit took, in nanoseconds (indexing goes on meanwhile). */
    public void timeCommits(LongConsumer times) {
        commitTimes = times;
    }

    /** Tells {@code times} how long an indexing thread gave way to refreshes, each time it did, in nanoseconds. */
    public void timeGivingWay(LongConsumer times) {
        giveWayTimes = times;
    }

    /** Queues the events of a durable record; blocks while the queue is full. Records come in sequence order. */
    public void accept(long seq, List<LogEvent> events) {
        capacity.acquireUninterruptibly(permits(events));
        unfinished.add(seq); // before the sequence is published: see finishedThrough
        acceptedSeq.accumulateAndGet(seq, Math::max);
        queue.add(new Batch(seq, events));
    }

    /**
     * The last sequence up to which every accepted record is indexed in full (or failed, which {@link #failure} says).
     * A record at or below what this reads from {@link #acceptedSeq} was in {@link #unfinished} before that was
     * published, and leaves it only when done; any other record is accepted later, with a higher sequence.
     */
    private long finishedThrough() {
        long accepted = acceptedSeq.get();
        Long first = unfinished.ceiling(Long.MIN_VALUE);
        return first == null ? accepted : Math.min(accepted, first - 1);
    }

    /** Events accepted but not yet indexed. */
    public int queuedEvents() {
        return MAX_QUEUED_EVENTS - capacity.availablePermits();
    }

    /** Why indexing stopped, or null while healthy. */
    public Throwable failure() {
        return failure != null ? failure : store.failure();
    }

    /** Indexes what is queued, commits it, and stops. */
    @Override
    public void close() throws IOException {
        closing = true;
        for (Thread t : workers) {
            join(t);
        }
        stopMaintaining.countDown();
        join(maintainer);
        refresher.shutdown(); // not shutdownNow: an interrupt during a refresh closes the write lock's channel
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            commit(false);
        }
    }

    private void work() {
        long gaveWayTo = 0;
        while (true) {
            try {
                gaveWayTo = giveWayToRefresh(gaveWayTo);
                if (!takeOne()) {
                    return;
                }
            } catch (Throwable e) { // waiting allocates: an OutOfMemoryError there must not end the thread
                Guarded.log(LOG, "waiting for records to index", e);
            }
        }
    }

    /** See {@link LuceneStore#giveWayToRefresh}: outside {@link #between}, so housekeeping never waits for it. */
    private long giveWayToRefresh(long gaveWayTo) {
        try {
            long started = System.nanoTime();
            long next = store.giveWayToRefresh(gaveWayTo, GIVE_WAY_NANOS);
            if (next != gaveWayTo) { // it gave way
                giveWayTimes.accept(System.nanoTime() - started);
            }
            return next;
        } catch (IOException e) {
            return gaveWayTo; // the refresh reports what broke the writer; this thread goes on indexing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return gaveWayTo;
        }
    }

    /** Indexes the next queued record, if one comes soon; false when the indexer stops. */
    private boolean takeOne() {
        between.acquireUninterruptibly();
        try {
            if (closing && queue.isEmpty()) {
                return false;
            }
            Batch batch = queue.poll(50, TimeUnit.MILLISECONDS);
            if (batch != null) {
                index(batch);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            between.release();
        }
    }

    private void index(Batch batch) {
        try {
            if (failure == null && batch.seq() > skipThrough) {
                store.add(batch.seq(), batch.events());
            }
        } catch (Throwable e) { // an OutOfMemoryError too: this thread must go on taking records
            // the records stay in the write-ahead log (no commit covers them): recovery re-reads them
            failed(e, "indexing");
        } finally {
            unfinished.remove(batch.seq()); // after failed(): a commit that counts it as finished sees the failure
            capacity.release(permits(batch.events()));
        }
    }

    private void maintain() {
        lastMaintenanceNanos = System.nanoTime();
        while (!closing) {
            try {
                if (!maintainOnce()) {
                    return;
                }
            } catch (Throwable e) { // waiting allocates: an OutOfMemoryError there must not end the thread
                Guarded.log(LOG, "index maintenance", e);
            }
        }
    }

    /**
     * Waits for the next commit, then commits while indexing goes on; recovers or keeps house with indexing paused.
     * False when the indexer stops.
     */
    private boolean maintainOnce() {
        long commitNanos = settings.commitInterval().toNanos();
        try {
            if (stopMaintaining.await(failure() == null ? commitNanos
                    : Math.min(commitNanos, TimeUnit.MILLISECONDS.toNanos(FIRST_RETRY_MILLIS)), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            return false;
        }
        if (failure == null && store.failure() != null) {
            failed(store.failure(), "refreshing"); // a writer stopped under the refresh timer
        }
        if (failure == null) {
            try {
                long started = System.nanoTime();
                if (commit(true)) {
                    commitTimes.accept(System.nanoTime() - started);
                }
            } catch (Throwable e) { // an OutOfMemoryError too: commits and recovery must go on
                failed(e, "committing");
            }
        }
        boolean recovering = failure != null && recovery != null && System.nanoTime() - retryAtNanos >= 0;
        boolean housekeeping = failure == null
                && System.nanoTime() - lastMaintenanceNanos >= settings.maintenanceInterval().toNanos();
        if (recovering || housekeeping) {
            whileNotIndexing(recovering ? this::recover : this::commitAndKeepHouse);
        }
        return true;
    }

    /** Runs {@code task} once no indexing thread is inside a record, none starting one meanwhile. */
    private void whileNotIndexing(Runnable task) {
        long pauseStarted = System.nanoTime(); // the gate is fair: from here on no thread starts a record
        between.acquireUninterruptibly(settings.threads());
        try {
            task.run();
        } finally {
            between.release(settings.threads());
            commitPauses.accept(System.nanoTime() - pauseStarted);
        }
    }

    private void commitAndKeepHouse() {
        try {
            commit(false); // what came since the last: an idle writer closes only when everything is committed
            lastMaintenanceNanos = System.nanoTime();
            housekeeping();
        } catch (Throwable e) { // an OutOfMemoryError too: commits and recovery must go on
            failed(e, "committing");
        }
    }

    /** With no record being indexed: the index back at its last commits, the log's durable records in it. */
    private void recover() {
        try {
            long seq = recovery.recover();
            skipThrough = seq;
            acceptedSeq.accumulateAndGet(seq, Math::max); // records the queue has yet to hand over are in the index
            committedSeq = seq;
            failure = null;
            retryMillis = FIRST_RETRY_MILLIS;
            LOG.info("index recovered: it holds the write-ahead log through sequence {}", seq);
            onCommitted.accept(seq);
        } catch (Throwable e) {
            long delay = schedule();
            LOG.warn("index recovery failed, next try in {} ms: {}", delay, e.toString());
        }
    }

    private synchronized void failed(Throwable e, String doing) {
        if (failure != null) {
            return;
        }
        failure = e;
        long delay = schedule();
        LOG.error("{} the index failed; events stay in the write-ahead log, {}", doing,
                recovery == null ? "until restart" : "recovery in " + delay + " ms", e);
    }

    /** When to try recovering next (1 s, doubling to 30 s); returns the delay in ms. */
    private long schedule() {
        long delay = retryMillis;
        retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        return delay;
    }

    /** Retention and idle writers; called between records. */
    private void housekeeping() throws IOException {
        LocalDate oldest = oldestKept(settings.retentionDays(), clock);
        if (oldest != null) {
            for (LocalDate day : store.dropDaysBefore(oldest)) {
                LOG.info("retention: dropped the index of {} (keeping {} days)", day, settings.retentionDays());
            }
        }
        store.closeIdleWriters(settings.idleWriter());
    }

    /**
     * Commits every record indexed in full so far; {@code whileIndexing} unless no thread is inside a record. False
     * when there was nothing new to commit.
     */
    private boolean commit(boolean whileIndexing) throws IOException {
        long seq = finishedThrough(); // before reading failure: see index()
        if (failure != null) {
            return false;
        }
        if (seq <= committedSeq) {
            if (!whileIndexing) {
                store.commit(committedSeq); // days whose last commit was made while indexing now say they are whole
            }
            return false;
        }
        if (whileIndexing) {
            store.commitWhileAdding(seq);
        } else {
            store.commit(seq);
        }
        committedSeq = seq;
        try {
            onCommitted.accept(seq);
        } catch (Throwable e) {
            LOG.warn("after commit {}: {}", seq, e.toString());
        }
        return true;
    }

    private void refresh() {
        if (failure() != null) {
            return; // the writers may be closed; recovery refreshes
        }
        try {
            store.refreshIfSearchedWithin(SEARCH_ACTIVE);
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                LOG.warn("refreshing searchers: {}", e.toString());
            }
        }
    }

    private static int permits(List<LogEvent> events) {
        return Math.max(1, Math.min(events.size(), MAX_QUEUED_EVENTS));
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
