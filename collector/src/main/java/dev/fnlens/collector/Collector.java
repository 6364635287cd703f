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
import dev.fnlens.collector.storage.LuceneStorage;
import dev.fnlens.collector.storage.Storage;
import dev.fnlens.collector.storage.opensearch.OpenSearchStorage;
import dev.fnlens.collector.tls.KeyMaterial;
import dev.fnlens.collector.wal.DiskSpaceGuard;
import dev.fnlens.collector.wal.WriteAheadLog;
import dev.fnlens.query.ExecutionLimits;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector: OTLP and CloudWatch Logs (through Firehose) in on one port; write-ahead log,
 * {@link Storage} (embedded Lucene or OpenSearch), search and query APIs, alerting, metrics and UI
 * behind the other. {@link #start} recovers first (brings the storage up to the write-ahead log),
 * then listens; {@link #close} stops listening, lets acknowledged events reach the storage and closes.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    static final long WAL_SEGMENT_BYTES = 64L * 1024 * 1024;

    private final CollectorConfig config;
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final AtomicBoolean closed = new AtomicBoolean();
    private DataDirLock lock;
    private Storage storage;
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
        storage = config.storage().embedded() ? LuceneStorage.open(data.resolve("index"), config.retentionDays())
                : OpenSearchStorage.open(config.storage().openSearch(), data, config.retentionDays());
        long nextSeq = storage.recover(walDir);
        WriteAheadLog.DurableListener<List<LogEvent>> stored = storage.start(new Storage.DurableLog() {
            @Override
            public long durableSeq() {
                WriteAheadLog<List<LogEvent>> log = wal;
                return log == null ? nextSeq - 1 : log.durableSeq(); // the storage may ask before the log opened
            }

            @Override
            public void deleteThrough(long seq) {
                if (wal != null) {
                    walCovered(seq);
                }
            }
        });
        wal = WriteAheadLog.open(walDir, nextSeq, WAL_SEGMENT_BYTES, metrics::walSynced, stored);
        wal.deleteSegmentsThrough(storage.storedThrough());
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
        QueryService queries = new QueryService(storage.queries(), queryTimeout);
        QueryGate perCaller = new QueryGate(config.limits().query().maxConcurrentPerCaller(),
                QueryGate.byTokenOrAddress(() -> !access.isOpen()));
        alerting = Alerting.open(data.resolve("alerts"), config.alerts(), (query, from, to, timeout) ->
                queries.run(query, from, to, List.of(), ExecutionLimits.timeout(timeout)).result(),
                new AlertMetrics(metrics), this::uiUrl, Clock.systemUTC(), storage.alertLease());
        httpServer = HttpSetup.httpServer(new Listener(config.bind(), config.httpPort(), tls), access,
                new SessionApi(access, tokens, sessions, tls != null),
                new SearchApi(storage.search(queryTimeout), metrics, config.limits().query(), perCaller),
                new QueryApi(queries, metrics, closed::get, config.limits().query(), perCaller),
                new OpsApi(metrics, this::problem, storage::degraded), new AlertsApi(alerting)).start();
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

    private void walCovered(long seq) {
        try {
            wal.deleteSegmentsThrough(seq);
        } catch (IOException e) {
            LOG.warn("cannot delete write-ahead log segments through {}: {}", seq, e.toString());
        }
    }

    private void registerGauges() {
        metrics.gauge("fnlens.wal.segments", "Write-ahead log segment files", "files", wal, WriteAheadLog::segmentCount);
        storage.registerMetrics(metrics);
    }

    private String problem() {
        IOException walFailure = wal.failure();
        if (walFailure != null) {
            return "write-ahead log: " + walFailure.getMessage();
        }
        String storageProblem = storage.problem();
        return storageProblem != null ? storageProblem : diskSpace.problem();
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
        step("storage", () -> {
            if (storage != null) {
                storage.close();
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
