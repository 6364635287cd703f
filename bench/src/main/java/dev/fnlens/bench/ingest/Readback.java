package dev.fnlens.bench.ingest;

import java.io.IOException;

/** Both systems must end up holding every event: polls a count until it matches. */
public final class Readback {
    @FunctionalInterface
    public interface Count {
        long get() throws IOException;
    }

    private Readback() {
    }

    /** Seconds since {@code t0} until {@code count} reaches {@code expected}; fails after 5 minutes. */
    public static double await(Count count, long expected, long t0) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = count.get();
            if (seen == expected) {
                return (System.nanoTime() - t0) / 1e9;
            }
            if (seen > expected) {
                throw new IOException("holds " + seen + " events, more than the " + expected + " sent");
            }
            Thread.sleep(50);
        }
        throw new IOException("only " + seen + " of " + expected + " events searchable after 5 minutes");
    }
}
