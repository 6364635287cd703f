package dev.fnlens.query.runtime;

import java.util.function.BooleanSupplier;

/**
 * When a running query must stop: a time limit and a cancellation flag. Loops call {@link #tick()} (cheap, checks
 * every 256 calls); {@link #check()} throws {@link QueryAbortedException} once the query is out of time or cancelled
 * (also when the executing thread is interrupted). The engine's loops and a store's scans check the same one; its
 * tick count is not thread-safe, so each thread of an execution has its own ({@link #forAnotherThread()}).
 */
public final class Deadline {

    private final boolean bounded;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    private int ticks;

    public Deadline(long timeoutNanos, BooleanSupplier cancelled) {
        this(timeoutNanos > 0 && timeoutNanos < Long.MAX_VALUE / 4, System.nanoTime() + timeoutNanos, cancelled);
    }

    private Deadline(boolean bounded, long deadlineNanos, BooleanSupplier cancelled) {
        this.bounded = bounded;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
    }

    /** Out of time at {@code deadlineNanos} on {@link System#nanoTime()}'s clock. */
    public static Deadline at(long deadlineNanos, BooleanSupplier cancelled) {
        return new Deadline(true, deadlineNanos, cancelled);
    }

    public static Deadline none() {
        return new Deadline(0, () -> false);
    }

    /** The same limits, with a tick count of its own: for another thread of the same execution. */
    public Deadline forAnotherThread() {
        return new Deadline(bounded, deadlineNanos, cancelled);
    }

    public void tick() {
        if ((++ticks & 0xFF) == 0) {
            check();
        }
    }

    public void check() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new QueryAbortedException(false);
        }
        if (bounded && System.nanoTime() - deadlineNanos > 0) {
            throw new QueryAbortedException(true);
        }
    }
}
