package dev.fnlens.query.runtime;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * When a running query must stop: a time limit and a cancellation flag. Loops call {@link #tick()} (cheap, checks
 * every 256 calls); {@link #check()} throws {@link QueryAbortedException} once the query is out of time or cancelled
 * (also when the executing thread is interrupted). One instance per execution: not thread-safe.
 */
public final class Deadline {

    /** Why to stop: null to go on, TRUE when out of time, FALSE when cancelled. */
    private final Supplier<Boolean> reason;
    private int ticks;

    public Deadline(long timeoutNanos, BooleanSupplier cancelled) {
        boolean bounded = timeoutNanos > 0 && timeoutNanos < Long.MAX_VALUE / 4;
        long deadlineNanos = bounded ? System.nanoTime() + timeoutNanos : 0;
        this.reason = () -> cancelled.getAsBoolean() || Thread.currentThread().isInterrupted() ? Boolean.FALSE
                : bounded && System.nanoTime() - deadlineNanos > 0 ? Boolean.TRUE : null;
    }

    private Deadline(Supplier<Boolean> reason) {
        this.reason = reason;
    }

    public static Deadline none() {
        return new Deadline(0, () -> false);
    }

    /**
     * The deadline of a store's own scan: {@code reason} says whether to stop, as the scan asks it — null to go on,
     * TRUE when out of time, FALSE when cancelled (or it throws to give the query up).
     */
    public static Deadline asking(Supplier<Boolean> reason) {
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
