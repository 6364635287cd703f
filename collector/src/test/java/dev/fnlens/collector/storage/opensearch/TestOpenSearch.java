package dev.fnlens.collector.storage.opensearch;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.storage.Storage;
import dev.fnlens.collector.wal.WriteAheadLog;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import dev.fnlens.testkit.opensearch.OpenSearchSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * Starts {@code storage} behind a write-ahead log in {@code walDir}, wired as the collector wires them: append
     * to it. The shipper needs the log's files: what it leaves out of its queue (all that comes before its thread
     * has first looked, among others) it reads back from them.
     */
    static WriteAheadLog<List<LogEvent>> startBehindLog(OpenSearchStorage storage, Path walDir) throws IOException {
        long nextSeq = storage.recover(walDir);
        AtomicReference<WriteAheadLog<List<LogEvent>>> wal = new AtomicReference<>();
        WriteAheadLog.DurableListener<List<LogEvent>> shipper = storage.start(new Storage.DurableLog() {
            @Override
            public long durableSeq() {
                WriteAheadLog<List<LogEvent>> log = wal.get();
                return log == null ? nextSeq - 1 : log.durableSeq();
            }

            @Override
            public void deleteThrough(long seq) {
            }
        });
        wal.set(WriteAheadLog.open(walDir, nextSeq, 1 << 20, (nanos, records) -> { }, shipper));
        return wal.get();
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
