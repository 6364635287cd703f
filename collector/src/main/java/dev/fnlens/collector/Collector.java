package dev.fnlens.collector;

import dev.fnlens.collector.alert.AlertMetrics;
import dev.fnlens.collector.alert.Alerting;
import dev.fnlens.collector.alert.api.AlertsApi;
import dev.fnlens.collector.auth.AccessControl;
import dev.fnlens.collector.auth.Sessions;
import dev.fnlens.collector.auth.TokenStore;
import dev.fnlens.collector.event.EventCodec;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.http.FirehoseApi;
import dev.fnlens.collector.http.HttpSetup;
import dev.fnlens.collector.http.HttpSetup.Listener;
import dev.fnlens.collector.http.IngestApi;
import dev.fnlens.collector.http.SessionApi;
import dev.fnlens.collector.http.IngestGate;
import dev.fnlens.collector.http.OpsApi;
import dev.fnlens.collector.http.QueryApi;
import dev.fnlens.collector.http.QueryGate;
import dev.fnlens.collector.http.SearchApi;
import dev.fnlens.collector.ingest.CloudWatchIngest;
import dev.fnlens.collector.ingest.EventSink;
import dev.fnlens.collector.ingest.OtlpIngest;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.store.Indexer;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.tls.KeyMaterial;
import dev.fnlens.collector.wal.DiskSpaceGuard;
import dev.fnlens.collector.wal.WalReader;
import dev.fnlens.collector.wal.WriteAheadLog;
import dev.fnlens.query.ExecutionLimits;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector: OTLP and CloudWatch Logs (through Firehose) in on one port; write-ahead log,
 * Lucene, search and query APIs, alerting, metrics and UI behind the other. {@link #start} recovers
 * first (replays the write-ahead log into the index), then listens; {@link #close} stops listening,
 * lets acknowledged events reach the index, commits and closes.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    /** A crash replays at most about this much ingest from the write-ahead log. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** New events become searchable within about this long after their acknowledgement. */
    static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);
    static final long WAL_SEGMENT_BYTES = 64L * 1024 * 1024;

    private final CollectorConfig config;
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final AtomicBoolean closed = new AtomicBoolean();
    private DataDirLock lock;
    private LuceneStore store;
    private Indexer indexer;
    private volatile WriteAheadLog<List<LogEvent>> wal;
    private DiskSpaceGuard diskSpace;
    private Javalin ingestServer;
    private Javalin httpServer;
    private Alerting alerting;

    private Collector(CollectorConfig config) {
        this.config = config;
    }

    public static Collector start(CollectorConfig config) throws IOException {
        Collector collector = new Collector(config);
        try {
            collector.open();
            return collector;
        } catch (IOException | RuntimeException e) {
            collector.close();
            throw e;
        }
    }

    /** The ingest port actually listened on (the free one picked when 0 was asked). */
    public int otlpPort() {
        return ingestServer.port();
    }

    public int httpPort() {
        return httpServer.port();
    }

    public String otlpUrl() {
        return scheme() + host() + ":" + otlpPort();
    }

    public String uiUrl() {
        return scheme() + host() + ":" + httpPort() + "/";
    }

    private String scheme() {
        return config.tls().enabled() ? "https://" : "http://";
    }

    private void open() throws IOException {
        Path data = config.dataDir();
        Path walDir = data.resolve("wal");
        KeyMaterial tls = config.tls().enabled() ? KeyMaterial.load(config.tls()) : null; // bad files stop us here
        Files.createDirectories(data);
        TokenStore tokens = TokenStore.open(data);
        refuseOpenNetworkBind(tokens);
        lock = DataDirLock.acquire(data);
        store = LuceneStore.open(data.resolve("index"));
        LocalDate oldestKept = Indexer.oldestKept(config.retentionDays(), Clock.systemUTC());
        if (oldestKept != null) {
            store.dropDaysBefore(oldestKept).forEach(day ->
                    LOG.info("retention: dropped the index of {} (keeping {} days)", day, config.retentionDays()));
        }
        long nextSeq = recover(walDir);
        indexer = new Indexer(store, Indexer.Settings.defaults(COMMIT_INTERVAL, REFRESH_INTERVAL)
                .withRetentionDays(config.retentionDays()), Clock.systemUTC(), this::walCovered,
                () -> recoverIndex(walDir));
        wal = WriteAheadLog.open(walDir, nextSeq, WAL_SEGMENT_BYTES, metrics::walSynced, indexer::accept);
        wal.deleteSegmentsThrough(nextSeq - 1); // recovery committed all of them
        registerGauges();

        diskSpace = DiskSpaceGuard.of(data, config.limits().minFreeDiskBytes());
        EventSink sink = events -> {
            diskSpace.check(); // refuse before writing what might not fit
            wal.append(EventCodec.encode(events), events);
        };
        IngestGate gate = new IngestGate(config.maxBodyBytes());
        Sessions sessions = new Sessions(Clock.systemUTC());
        AccessControl access = new AccessControl(tokens, sessions);
        ingestServer = HttpSetup.ingestServer(new Listener(config.bind(), config.otlpPort(), tls), access,
                new IngestApi(new OtlpIngest(sink, config.limits().ingest()), metrics, gate),
                new FirehoseApi(new CloudWatchIngest(sink), metrics, gate, access::allowsIngest))
                .start();
        Duration queryTimeout = Duration.ofSeconds(config.queryTimeoutSeconds());
        QueryService queries = new QueryService(store, queryTimeout);
        QueryGate perCaller = new QueryGate(config.limits().query().maxConcurrentPerCaller(),
                QueryGate.byTokenOrAddress(() -> !access.isOpen()));
        alerting = Alerting.open(data.resolve("alerts"), config.alerts(), (query, from, to, timeout) ->
                queries.run(query, from, to, List.of(), ExecutionLimits.timeout(timeout)).result(),
                new AlertMetrics(metrics), this::uiUrl, Clock.systemUTC());
        httpServer = HttpSetup.httpServer(new Listener(config.bind(), config.httpPort(), tls), access,
                new SessionApi(access, tokens, sessions, tls != null),
                new SearchApi(new EventSearch(store, queryTimeout), metrics, config.limits().query(), perCaller),
                new QueryApi(queries, metrics, closed::get, config.limits().query(), perCaller),
                new OpsApi(metrics, this::problem), new AlertsApi(alerting)).start();
        alerting.start();
    }

    /**
     * Least privilege by default: with no token created, anyone who can connect may ingest and read, which is
     * only acceptable on loopback.
     */
    private void refuseOpenNetworkBind(TokenStore tokens) throws IOException {
        if (tokens.isEmpty() && !InetAddress.getByName(config.bind()).isLoopbackAddress()) {
            throw new IllegalStateException("refusing to listen on " + config.bind() + " without access tokens: "
                    + "anyone on the network could read and write. Create them first, e.g. "
                    + "java -jar fnlens.jar token create --scope ingest --data " + config.dataDir()
                    + " (and --scope read for the UI), then start the collector again");
        }
    }

    /** Replays records the index has not committed, commits them; returns the next sequence. */
    private long recover(Path walDir) throws IOException {
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

    /**
     * After an indexing failure, on the indexer's thread: reopens the index at its last
     * commits and indexes again every durable record it lacks (records still being written
     * are left to the indexer's queue), then commits.
     */
    private long recoverIndex(Path walDir) throws IOException {
        long upTo = wal.durableSeq();
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

    private void walCovered(long seq) {
        try {
            wal.deleteSegmentsThrough(seq);
        } catch (IOException e) {
            LOG.warn("cannot delete write-ahead log segments through {}: {}", seq, e.toString());
        }
    }

    private void registerGauges() {
        metrics.gauge("fnlens.index.size", "Bytes of Lucene index on disk", "bytes", store, LuceneStore::sizeBytes);
        metrics.gauge("fnlens.index.queue", "Durable events waiting to be indexed", "events", indexer,
                Indexer::queuedEvents);
        metrics.gauge("fnlens.wal.segments", "Write-ahead log segment files", "files", wal, WriteAheadLog::segmentCount);
        metrics.functionCounter("fnlens.index.rejected", "Events Lucene refused to index", store::rejectedDocuments);
        metrics.functionCounter("fnlens.index.expired", "Events not indexed because their day is past retention",
                store::expiredEvents);
        metrics.gauge("fnlens.index.partitions", "Day partitions on disk", "partitions", store, LuceneStore::partitionCount);
        metrics.gauge("fnlens.index.writers", "Day partitions open for writing", "partitions", store,
                LuceneStore::openWriters);
    }

    private String problem() {
        IOException walFailure = wal.failure();
        if (walFailure != null) {
            return "write-ahead log: " + walFailure.getMessage();
        }
        Throwable indexFailure = indexer.failure();
        if (indexFailure != null) {
            return "index: " + indexFailure;
        }
        return diskSpace.problem();
    }

    private String host() {
        return config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    }

    /** Stops both ports, makes every acknowledged event durable in the index, closes. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        step("ingest server", () -> {
            if (ingestServer != null) {
                ingestServer.stop();
            }
        });
        step("http server", () -> {
            if (httpServer != null) {
                httpServer.stop();
            }
        });
        step("alerting", () -> {
            if (alerting != null) {
                alerting.close();
            }
        });
        step("write-ahead log", () -> {
            if (wal != null) {
                wal.close();
            }
        });
        step("indexer", () -> {
            if (indexer != null) {
                indexer.close();
            }
        });
        step("index", () -> {
            if (store != null) {
                store.close();
            }
        });
        step("data directory lock", () -> {
            if (lock != null) {
                lock.close();
            }
        });
        metrics.close();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.error("closing {}", what, e);
        }
    }
}
