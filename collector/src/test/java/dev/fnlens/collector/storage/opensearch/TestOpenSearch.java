package dev.fnlens.collector.storage.opensearch;

import dev.fnlens.testkit.opensearch.OpenSearchNode;
import dev.fnlens.testkit.opensearch.OpenSearchSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single OpenSearch node the ITs of this JVM share (started on first use, about 40 s, and
 * stopped when the JVM ends); each test writes under its own index prefix. ITs that stop or kill
 * nodes start their own.
 */
public final class TestOpenSearch {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static OpenSearchNode shared;

    private TestOpenSearch() {
    }

    public static synchronized URI url() {
        if (shared == null) {
            try {
                shared = OpenSearchSupport.startNode(OpenSearchSupport.workDir("shared"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared.uri();
    }

    /** An index prefix no other test of this run uses. */
    public static String freshPrefix() {
        return "t" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
    }

    /** Waits until the storage has shipped {@code seq}, then refreshes its indices so everything is searchable. */
    static void awaitShipped(OpenSearchStorage storage, long seq) throws IOException {
        // a bulk request that creates indices waits up to 60 s for their shards: a busy node may need one retry
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (storage.shippedSeq() < seq) {
            if (System.nanoTime() > deadline) {
                throw new IOException("OpenSearch did not confirm record " + seq + " within 150 s: " + storage.degraded());
            }
            sleep(20);
        }
        storage.refresh();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
