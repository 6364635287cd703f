package dev.fnlens.collector.storage;

import dev.fnlens.collector.alert.AlertLease;
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

    /** After {@link #recover}: every write-ahead log record through this sequence is safe in the storage. */
    long storedThrough();

    /** From now on takes every durable record; tells {@code log} what it may delete. */
    WriteAheadLog.DurableListener<List<LogEvent>> start(DurableLog log) throws IOException;

    QueryBackend queries();

    EventSearch search(Duration timeout);

    /** The storage's gauges and counters ({@code fnlens.index.*}, {@code fnlens.opensearch.*}). */
    void registerMetrics(CollectorMetrics metrics);

    /** Whether this collector evaluates the alert rules now: always, unless collectors share the storage. */
    default AlertLease alertLease() {
        return AlertLease.ALWAYS;
    }

    /** Why the storage cannot store events now (a full disk), or null while healthy. */
    String problem();

    /**
     * Why events wait longer than usual to be stored (a cluster that does not take writes now: the write-ahead
     * log keeps them), or null. Ingest goes on.
     */
    default String degraded() {
        return null;
    }

    /** What the storage needs of the write-ahead log. */
    interface DurableLog {
        /** The highest sequence that is durable in the log. */
        long durableSeq();

        /** Every record through {@code seq} is safe in the storage: the log may delete them. */
        void deleteThrough(long seq);
    }
}
