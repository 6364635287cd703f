package dev.fnlens.agent.logs;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captured log records waiting for export: bounded in count and in bytes. When either bound is
 * reached new records are dropped and counted (never blocking the function's thread).
 */
public final class LogQueue {
    /** At most this much log text waits in memory. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final ArrayBlockingQueue<LogEntry> queue;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public LogQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(Math.max(16, capacity));
    }

    public void offer(LogEntry entry) {
        int weight = entry.weight();
        if (bytes.addAndGet(weight) > MAX_BYTES || !queue.offer(entry)) {
            bytes.addAndGet(-weight);
            dropped.incrementAndGet();
        }
    }

    /** Moves up to {@code max} records into {@code into}. */
    public int drainTo(Collection<LogEntry> into, int max) {
        int before = into.size();
        queue.drainTo(into, max);
        int n = into.size() - before;
        long weight = 0;
        int i = 0;
        for (LogEntry entry : into) {
            if (i++ >= before) {
                weight += entry.weight();
            }
        }
        bytes.addAndGet(-weight);
        return n;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public long dropped() {
        return dropped.get();
    }
}
