package dev.fnlens.query.runtime;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * When a running query must stop: a time limit and a cancellation flag. Loops call {@link #tick()} (cheap, checks
 * every 256 calls); {@link #check()} throws {@link QueryAbortedException} once the query is out of time or cancelled
 * (also when the executing thread is interrupted). The engine's loops and a store's scans check the same one; its
 * tick count is not thread-safe, so each thread of an execution has its own ({@link #forAnotherThread()}).
 */
public final class Deadline {

    /** Why to stop: null to go on, TRUE when out of time, FALSE when cancelled. */
    private final Supplier<Boolean> reason;
    private int ticks;

    public Deadline(long timeoutNanos, BooleanSupplier cancelled) {
        this(reason(timeoutNanos > 0 && timeoutNanos < Long.MAX_VALUE / 4, System.nanoTime() + timeoutNanos,
                cancelled));
    }

    /** Out of time at {@code deadlineNanos} on {@link System#nanoTime()}'s clock. */
    public static Deadline at(long deadlineNanos, BooleanSupplier cancelled) {
        return new Deadline(reason(true, deadlineNanos, cancelled));
    }

    private static Supplier<Boolean> reason(boolean bounded, long deadlineNanos, BooleanSupplier cancelled) {
        return () -> cancelled.getAsBoolean() || Thread.currentThread().isInterrupted() ? Boolean.FALSE
                : bounded && System.nanoTime() - deadlineNanos > 0 ? Boolean.TRUE : null;
    }

    private Deadline(Supplier<Boolean> reason) {
        this.reason = reason;
    }

    public static Deadline none() {
        return new Deadline(0, () -> false);
    }

    /** The same limits, with a tick count of its own: for another thread of the same execution. */
    public Deadline forAnotherThread() {
        return new Deadline(reason);
    }

    public void tick() {
        if ((++ticks & 0xFF) == 0) {
            check();
        }
    }

    public void check() {
        Boolean stop = reason.get();
        if (stop != null) {
            throw new QueryAbortedException(stop);
        }
    }
}
