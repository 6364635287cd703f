package dev.fnlens.query.runtime;

import java.util.function.BooleanSupplier;

/**
 * When a running query must stop: a time limit and a cancellation flag. Loops call {@link #tick()} (cheap, checks
 * every 256 calls); {@link #check()} throws {@link QueryAbortedException} once the query is out of time or cancelled
 * (also when the executing thread is interrupted). One instance per execution: not thread-safe.
 */
public final class Deadline {

    private final long deadlineNanos;
    private final boolean bounded;
    private final BooleanSupplier cancelled;
    private int ticks;

    public Deadline(long timeoutNanos, BooleanSupplier cancelled) {
        this.bounded = timeoutNanos > 0 && timeoutNanos < Long.MAX_VALUE / 4;
        this.deadlineNanos = bounded ? System.nanoTime() + timeoutNanos : 0;
        this.cancelled = cancelled;
    }

    public static Deadline none() {
        return new Deadline(0, () -> false);
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
