package dev.fnlens.query;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Bounds for one execution: a time limit (counted from the start of {@link Query#execute}), a cancellation flag the
 * engine polls, and the most rows an answer may hold (CloudWatch's default limit, 10,000; an explicit
 * {@code limit} larger than this is capped). Interrupting the executing thread also cancels. Immutable.
 */
public final class ExecutionLimits {

    public static final int DEFAULT_MAX_ROWS = 10_000;

    private final Duration timeout;
    private final BooleanSupplier cancelled;
    private final int maxRows;

    private ExecutionLimits(Duration timeout, BooleanSupplier cancelled, int maxRows) {
        this.timeout = timeout;
        this.cancelled = cancelled;
        this.maxRows = maxRows;
    }

    /** No time limit, never cancelled, at most 10,000 rows. */
    public static ExecutionLimits none() {
        return new ExecutionLimits(null, () -> false, DEFAULT_MAX_ROWS);
    }

    public static ExecutionLimits timeout(Duration timeout) {
        return none().withTimeout(timeout);
    }

    public ExecutionLimits withTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        return new ExecutionLimits(timeout, cancelled, maxRows);
    }

    /** Polled while the query runs (cheaply, every few hundred events); true stops it with status Cancelled. */
    public ExecutionLimits withCancellation(BooleanSupplier cancelled) {
        return new ExecutionLimits(timeout, Objects.requireNonNull(cancelled, "cancelled"), maxRows);
    }

    public ExecutionLimits withMaxRows(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1: " + maxRows);
        }
        return new ExecutionLimits(timeout, cancelled, maxRows);
    }

    /** The time limit, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    public BooleanSupplier cancelled() {
        return cancelled;
    }

    public int maxRows() {
        return maxRows;
    }
}
