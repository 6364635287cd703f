package dev.fnlens.agent.invocation;

/**
 * Wall-clock nanoseconds without allocation: one calibration of {@link System#nanoTime()}
 * against the wall clock, then arithmetic. Durations come from the monotonic clock; only
 * the start of an invocation needs a wall-clock time.
 */
public final class Clock {
    private static final long NANO_BASE;
    private static final long EPOCH_BASE;

    static {
        long before = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        long after = System.nanoTime();
        NANO_BASE = before + (after - before) / 2;
        EPOCH_BASE = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private Clock() {
    }

    /** The wall-clock time, in epoch nanoseconds, of a {@link System#nanoTime()} reading. */
    public static long epochNanos(long nanoTime) {
        return EPOCH_BASE + (nanoTime - NANO_BASE);
    }

    public static long nowEpochNanos() {
        return epochNanos(System.nanoTime());
    }

    /** The {@link System#nanoTime()} reading of a wall-clock time in epoch milliseconds. */
    public static long nanoTimeOfEpochMillis(long epochMillis) {
        return NANO_BASE + (epochMillis * 1_000_000L - EPOCH_BASE);
    }
}
