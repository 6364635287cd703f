package dev.fnlens.bench.ingest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a server's used heap once a second and keeps the highest value seen. */
final class HeapSampler implements AutoCloseable {
    @FunctionalInterface
    interface Probe {
        long heapUsedBytes() throws Exception;
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong peak = new AtomicLong();

    HeapSampler(Probe probe) {
        timer.scheduleAtFixedRate(() -> {
            try {
                peak.accumulateAndGet(probe.heapUsedBytes(), Math::max);
            } catch (Exception e) {
                // a missed sample while the server is busy is fine
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
