package dev.fnlens.collector.storage.opensearch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The OpenSearch the ITs of this JVM share (started once), and helpers around it. */
final class TestOpenSearch {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private TestOpenSearch() {
    }

    static URI url() {
        return URI.create(System.getProperty("fnlens.opensearch.url", "http://127.0.0.1:9250"));
    }

    /** An index prefix no other test of this run uses. */
    static String freshPrefix() {
        return "t" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
    }

    /** Waits until the storage has shipped {@code seq}, then refreshes its indices so everything is searchable. */
    static void awaitShipped(OpenSearchStorage storage, long seq) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (storage.shippedSeq() < seq) {
            if (System.nanoTime() > deadline) {
                throw new IOException("OpenSearch did not confirm record " + seq + " within 60 s: " + storage.problem());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        storage.refresh();
    }
}
