package dev.fnlens.bench.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed number of threads posting prepared batches as fast as the server acknowledges them, or, given a rate, no
 * faster than that many events a second in all.
 */
public final class Senders {
    /** Where one request body goes; returns only once the server acknowledged it. */
    @FunctionalInterface
    public interface Target {
        void send(Batch.Body body) throws IOException;
    }

    public record Result(long events, long requests, long bytes, double seconds) {
    }

    private Senders() {
    }

    /** @param eventsPerSecond the most events a second all threads send together; 0: as fast as acknowledged */
    public static Result run(Path file, int threads, long eventsPerSecond, Target target)
            throws IOException, InterruptedException {
        AtomicLong events = new AtomicLong();
        AtomicLong scheduled = new AtomicLong(); // events whose batch may start: its start is due at scheduled / rate
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (BatchFile.Reader reader = new BatchFile.Reader(file)) {
            List<Thread> workers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        for (Batch b = reader.next(); b != null && failure.get() == null; b = reader.next()) {
                            if (eventsPerSecond > 0) {
                                long due = t0 + scheduled.getAndAdd(b.events()) * 1_000_000_000L / eventsPerSecond;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                            }
                            for (Batch.Body body : b.bodies()) {
                                target.send(body);
                                requests.incrementAndGet();
                                bytes.addAndGet(body.bytes().length);
                            }
                            events.addAndGet(b.events());
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }, "sender-" + i);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (failure.get() != null) {
                throw new IOException("ingest failed after " + events.get() + " events", failure.get());
            }
            return new Result(events.get(), requests.get(), bytes.get(), seconds);
        }
    }
}
