package dev.fnlens.collector.store;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The refreshes under way in a store's days, so that indexing can give way to them: a refresh flushes what the
 * indexing threads buffered, and while they went on buffering more on the same cores, a refresh under full
 * ingest took up to a second and more (docs/benchmarks.md, "Searchable while ingest runs"). Also told how long
 * each refresh took.
 */
final class Refreshes {
    private final Object lock = new Object();
    /** Refreshes under way; written under {@link #lock}. */
    private volatile int running;
    /** Refreshes begun so far; written under {@link #lock}. */
    private volatile long begun;
    private volatile LongConsumer times = nanos -> { };

    /** Tells {@code times} how long each refresh that made new events searchable took, in nanoseconds. */
    void timeWith(LongConsumer times) {
        this.times = times;
    }

    void started() {
        synchronized (lock) {
            running++;
            begun++;
        }
    }

    void ended(long nanos, boolean madeNewView) {
        synchronized (lock) {
            if (--running == 0) {
                lock.notifyAll();
            }
        }
        if (madeNewView) {
            times.accept(nanos);
        }
    }

    /** Whether a refresh is under way. */
    boolean underWay() {
        return running > 0;
    }

    /**
     * Whether a refresh is under way that began after {@code waitedFor}, what {@link #awaitNone} returned to this
     * caller the last time (0 the first): two volatile reads.
     */
    boolean newSince(long waitedFor) {
        return running > 0 && begun > waitedFor;
    }

    /**
     * Waits until no refresh is under way, at most {@code nanos}; returns how many had begun when it started, for
     * {@link #newSince}: a caller waits again only for refreshes begun since, however long one takes.
     */
    long awaitNone(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (lock) {
            long seen = begun;
            long left;
            while (running > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return seen;
        }
    }
}
