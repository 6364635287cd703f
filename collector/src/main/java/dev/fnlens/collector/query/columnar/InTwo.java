package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.background.TaskFailures;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Big column-wise runs scan their segments in two halves: the later half on one helper thread, the first on the
 * querying thread, each into its own results, which the run then adds up in order. When the helper has not taken
 * its half by the time the first is done (it is busy with other queries), the querying thread scans it itself
 * rather than wait.
 */
final class InTwo {
    /** Runs over at least this many documents (all segments of the range) use the helper thread too. */
    static volatile long parallelFromDocs = 1L << 18;
    /** One thread that scans the second half of big runs; none on a single core. */
    private static final Executor HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fnlens-query-helper");
                t.setDaemon(true);
                return t;
            });

    @FunctionalInterface
    interface Half {
        void scan() throws IOException;
    }

    private InTwo() {
    }

    /**
     * Where to cut the segments so that each half holds about as many documents, or 0 to scan them in one go: fewer
     * than {@link #parallelFromDocs} documents in all, one segment, or one core.
     */
    static int splitAt(List<LeafReaderContext> leaves) {
        long total = 0;
        for (LeafReaderContext leaf : leaves) {
            total += leaf.reader().maxDoc();
        }
        if (HELPER == null || leaves.size() < 2 || total < parallelFromDocs) {
            return 0;
        }
        long sofar = 0;
        for (int i = 0; i < leaves.size() - 1; i++) {
            sofar += leaves.get(i).reader().maxDoc();
            if (sofar * 2 >= total) {
                return i + 1;
            }
        }
        return leaves.size() - 1;
    }

    /** Runs {@code first} here and {@code later} on the helper, or here after {@code first}; returns when both are done. */
    static void scan(Half first, Half later) throws IOException {
        AtomicBoolean taken = new AtomicBoolean();
        CompletableFuture<Void> helped = new CompletableFuture<>();
        HELPER.execute(() -> {
            if (taken.compareAndSet(false, true)) {
                try {
                    later.scan();
                    helped.complete(null);
                } catch (Throwable e) {
                    helped.completeExceptionally(e);
                }
            }
        });
        try {
            first.scan();
        } catch (RuntimeException | IOException e) {
            if (!taken.compareAndSet(false, true)) {
                awaitQuietly(helped); // it reads the snapshot the caller closes next
            }
            throw e;
        }
        if (taken.compareAndSet(false, true)) {
            later.scan();
        } else {
            await(helped);
        }
    }

    private static void await(CompletableFuture<Void> helped) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    helped.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the helper checks the same stop: it ends soon enough
                } catch (ExecutionException e) {
                    throw TaskFailures.cause(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> helped) {
        try {
            await(helped);
        } catch (IOException | RuntimeException ignored) {
            // the caller's own failure is the one reported
        }
    }
}
