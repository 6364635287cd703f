package dev.fnlens.collector.storage;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.query.QueryBackend;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.wal.WriteAheadLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where events live once the write-ahead log holds them: the embedded Lucene store
 * ({@link LuceneStorage}, the default) or an OpenSearch cluster. Ingest, the query language,
 * search, alerts and the UI see only this.
 *
 * <p>The collector's write-ahead log stays in front of either: an event is acknowledged once it
 * is durable there, and the log keeps it until the storage says it holds it for good
 * ({@link DurableLog#deleteThrough}). Life cycle: {@link #recover}, then {@link #start}, then
 * queries and searches, then {@link #close}.
 */
public interface Storage extends Closeable {

    /**
     * Before ingest opens: brings the storage up to date with what the write-ahead log in
     * {@code walDir} holds (or arranges that it will be), and answers the next sequence the
     * log must write — never one the storage has seen before.
     */
    long recover(Path walDir) throws IOException;

    /** From now on takes every durable record; tells {@code log} what it may delete. */
    WriteAheadLog.DurableListener<List<LogEvent>> start(DurableLog log) throws IOException;

    QueryBackend queries();

    EventSearch search(Duration timeout);

    /** The storage's gauges and counters ({@code fnlens.index.*}, {@code fnlens.opensearch.*}). */
    void registerMetrics(CollectorMetrics metrics);

    /** Why the storage cannot keep up now (a full disk, a cluster that refuses writes), or null while healthy. */
    String problem();

    /** What the storage needs of the write-ahead log. */
    interface DurableLog {
        /** The highest sequence that is durable in the log. */
        long durableSeq();

        /** Every record through {@code seq} is safe in the storage: the log may delete them. */
        void deleteThrough(long seq);
    }
}
