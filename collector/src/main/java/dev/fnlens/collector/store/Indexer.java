package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves durable write-ahead log records into the {@link LuceneStore} on one thread, in
 * sequence order, and commits between records — never during one — so a commit's
 * recorded sequence covers exactly what it holds. A separate timer refreshes searchers
 * so new events are searchable well within a second.
 *
 * <p>Back-pressure: {@link #accept} blocks while {@value #MAX_QUEUED_EVENTS} events wait,
 * which stalls the WAL writer and so the ingest requests, instead of growing the heap.
 */
public final class Indexer implements Closeable {
    static final int MAX_QUEUED_EVENTS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

    private record Batch(long seq, List<LogEvent> events) {
    }

    private final LuceneStore store;
    private final long commitIntervalNanos;
    private final LongConsumer onCommitted;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Semaphore capacity = new Semaphore(MAX_QUEUED_EVENTS);
    private final ScheduledExecutorService refresher;
    private final Thread thread;
    private volatile boolean closing;
    private volatile Throwable failure;
    private long indexedSeq;
    private long committedSeq;

    /**
     * @param onCommitted told the sequence each commit covers (to delete WAL segments)
     */
    public Indexer(LuceneStore store, Duration commitInterval, Duration refreshInterval, LongConsumer onCommitted) {
        this.store = store;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.onCommitted = onCommitted;
        this.indexedSeq = store.maxCommittedSeq();
        this.committedSeq = indexedSeq;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fnlens-index-refresh"));
        refresher.scheduleWithFixedDelay(this::refresh, refreshInterval.toMillis(), refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        this.thread = daemon(this::run, "fnlens-indexer");
        thread.start();
    }

    /** Queues the events of a durable record; blocks while the queue is full. */
    public void accept(long seq, List<LogEvent> events) {
        capacity.acquireUninterruptibly(permits(events));
        queue.add(new Batch(seq, events));
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
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            commit();
        }
    }

    private void run() {
        long lastCommit = System.nanoTime();
        while (!(closing && queue.isEmpty())) {
            try {
                Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    index(batch);
                }
                if (System.nanoTime() - lastCommit >= commitIntervalNanos) {
                    commit();
                    lastCommit = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // the records stay in the write-ahead log (no commit covers them): a restart replays them
                failure = e;
                LOG.error("indexing failed; events stay in the write-ahead log until restart", e);
            }
        }
    }

    private void index(Batch batch) throws IOException {
        try {
            if (failure == null) {
                store.add(batch.seq(), batch.events());
                indexedSeq = batch.seq();
            }
        } finally {
            capacity.release(permits(batch.events()));
        }
    }

    private void commit() throws IOException {
        if (failure != null || indexedSeq == committedSeq) {
            return;
        }
        store.commit(indexedSeq);
        committedSeq = indexedSeq;
        try {
            onCommitted.accept(committedSeq);
        } catch (RuntimeException e) {
            LOG.warn("after commit {}: {}", committedSeq, e.toString());
        }
    }

    private void refresh() {
        try {
            store.refresh();
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                LOG.warn("refreshing searchers: {}", e.toString());
            }
        }
    }

    private static int permits(List<LogEvent> events) {
        return Math.max(1, Math.min(events.size(), MAX_QUEUED_EVENTS));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
