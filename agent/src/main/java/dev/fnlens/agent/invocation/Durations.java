package dev.fnlens.agent.invocation;

/** Lambda's duration arithmetic: durations in ms with 2 decimals, billed duration rounded up to the ms. */
public final class Durations {
    private static final long NANOS_PER_HUNDREDTH_MS = 10_000;

    private Durations() {
    }

    /** 102_254_999 ns -> 102.25; half a hundredth rounds up. */
    public static double millis(long nanos) {
        return hundredths(nanos) / 100.0;
    }

    /**
     * Billed duration: the 2-decimal duration rounded up to the next ms, at least 1
     * (102.25 -> 103, 100.00 -> 100). Computed from the same rounded value the REPORT
     * line shows, so the two never disagree.
     */
    public static long billedMillis(long nanos) {
        return Math.max(1, (hundredths(nanos) + 99) / 100);
    }

    private static long hundredths(long nanos) {
        long safe = Math.max(0, nanos);
        return (safe + NANOS_PER_HUNDREDTH_MS / 2) / NANOS_PER_HUNDREDTH_MS;
    }
}
