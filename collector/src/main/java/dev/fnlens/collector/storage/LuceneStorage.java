package dev.fnlens.collector.storage;

import dev.fnlens.collector.event.EventCodec;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.query.LuceneQueries;
import dev.fnlens.collector.query.QueryBackend;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.search.LuceneSearch;
import dev.fnlens.collector.store.Indexer;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.wal.WalReader;
import dev.fnlens.collector.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: Lucene day partitions on the collector's disk ({@link LuceneStore}), fed
 * by the {@link Indexer}. Recovery replays the write-ahead log records no commit holds; a
 * failed write (a full disk) rolls back to the last commits and indexes the log again.
 */
public final class LuceneStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneStorage.class);
    /** A crash replays at most about this much ingest from the write-ahead log. */
    public static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** New events become searchable within about this long after their acknowledgement. */
    public static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

    private final LuceneStore store;
    private final int retentionDays;
    private final LuceneQueries queries;
    private Path walDir;
    private Indexer indexer;

    private LuceneStorage(LuceneStore store, int retentionDays) {
        this.store = store;
        this.retentionDays = retentionDays;
        this.queries = new LuceneQueries(store);
    }

    /** Opens the index under {@code indexDir} and drops the days past retention (0 keeps all). */
    public static LuceneStorage open(Path indexDir, int retentionDays) throws IOException {
        LuceneStore store = LuceneStore.open(indexDir);
        try {
            LocalDate oldestKept = Indexer.oldestKept(retentionDays, Clock.systemUTC());
            if (oldestKept != null) {
                store.dropDaysBefore(oldestKept).forEach(day ->
                        LOG.info("retention: dropped the index of {} (keeping {} days)", day, retentionDays));
            }
            return new LuceneStorage(store, retentionDays);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(store);
            throw e;
        }
    }

    /** Replays records the index has not committed, commits them; returns the next sequence. */
    @Override
    public long recover(Path walDir) throws IOException {
        this.walDir = walDir;
        WalReader.Replay replay = WalReader.replay(walDir, (seq, payload) -> {
            try {
                store.add(seq, EventCodec.decode(payload));
            } catch (IOException e) {
                LOG.error("write-ahead log record {} cannot be decoded, skipped: {}", seq, e.getMessage());
            }
        });
        replay.problems().forEach(p -> LOG.warn("write-ahead log replay stopped early in {}", p));
        if (replay.lastSeq() > 0) {
            store.commit(replay.lastSeq());
        }
        store.refresh();
        if (replay.records() > 0) {
            LOG.info("recovered: {} write-ahead log records read, last sequence {}", replay.records(), replay.lastSeq());
        }
        return Math.max(replay.lastSeq(), store.maxCommittedSeq()) + 1;
    }

    /** Recovery committed every record the log held. */
    @Override
    public long storedThrough() {
        return store.maxCommittedSeq();
    }

    @Override
    public WriteAheadLog.DurableListener<List<LogEvent>> start(DurableLog log) {
        indexer = new Indexer(store, Indexer.Settings.defaults(COMMIT_INTERVAL, REFRESH_INTERVAL)
                .withRetentionDays(retentionDays), Clock.systemUTC(), log::deleteThrough, () -> recoverIndex(log));
        return indexer::accept;
    }

    /**
     * After an indexing failure, on the indexer's thread: reopens the index at its last
     * commits and indexes again every durable record it lacks (records still being written
     * are left to the indexer's queue), then commits.
     */
    private long recoverIndex(DurableLog log) throws IOException {
        long upTo = log.durableSeq();
        store.reopen();
        long[] last = {store.maxCommittedSeq()};
        WalReader.Replay replay = WalReader.replay(walDir, (seq, payload) -> {
            if (seq <= upTo) {
                store.add(seq, EventCodec.decode(payload));
                last[0] = Math.max(last[0], seq);
            }
        });
        if (last[0] < upTo) {
            LOG.error("write-ahead log records {} to {} could not be read again: {}", last[0] + 1, upTo,
                    replay.problems());
        }
        store.commit(last[0]);
        store.refresh();
        return last[0];
    }

    @Override
    public QueryBackend queries() {
        return queries;
    }

    @Override
    public EventSearch search(Duration timeout) {
        return new LuceneSearch(store, timeout);
    }

    @Override
    public void registerMetrics(CollectorMetrics metrics) {
        metrics.gauge("fnlens.index.size", "Bytes of Lucene index on disk", "bytes", store, LuceneStore::sizeBytes);
        metrics.gauge("fnlens.index.queue", "Durable events waiting to be indexed", "events", indexer,
                Indexer::queuedEvents);
        metrics.functionCounter("fnlens.index.rejected", "Events Lucene refused to index", store::rejectedDocuments);
        metrics.functionCounter("fnlens.index.expired", "Events not indexed because their day is past retention",
                store::expiredEvents);
        metrics.gauge("fnlens.index.partitions", "Day partitions on disk", "partitions", store, LuceneStore::partitionCount);
        metrics.gauge("fnlens.index.writers", "Day partitions open for writing", "partitions", store,
                LuceneStore::openWriters);
        store.timeRefreshes(metrics.timer("fnlens.index.refresh", "Time of a refresh that made new events searchable"));
        indexer.timeCommits(metrics.timer("fnlens.index.commit", "Time of a commit (indexing goes on meanwhile)"));
        indexer.timeCommitPauses(metrics.timer("fnlens.index.commit.pause",
                "Time indexing waited for housekeeping or recovery"));
        indexer.timeGivingWay(metrics.timer("fnlens.index.give.way",
                "Time an indexing thread gave way to a refresh (helping it flush, then waiting for it)"));
    }

    @Override
    public String problem() {
        Throwable failure = indexer == null ? null : indexer.failure();
        return failure == null ? null : "index: " + failure;
    }

    /** Lets acknowledged events reach the index, commits, closes. */
    @Override
    public void close() throws IOException {
        try {
            if (indexer != null) {
                indexer.close();
            }
        } finally {
            store.close();
        }
    }
}
