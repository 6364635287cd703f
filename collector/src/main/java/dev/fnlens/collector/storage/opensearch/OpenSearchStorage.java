package dev.fnlens.collector.storage.opensearch;

import dev.fnlens.collector.alert.AlertLease;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.query.QueryBackend;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.storage.Storage;
import dev.fnlens.collector.store.Indexer;
import dev.fnlens.collector.wal.WalReader;
import dev.fnlens.collector.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSearch as the store, for teams that outgrow one collector: any number of collectors write
 * to one cluster and answer the same queries. Each collector keeps its own write-ahead log in
 * front ({@link Shipper}): an event is acknowledged once it is durable there, and stays there
 * until OpenSearch has confirmed it, so an outage of the cluster or a crash of the collector
 * loses nothing, and sending again duplicates nothing (document ids are
 * {@code collector-seq-idx}; the collector's id lives in {@code <data>/opensearch/collector-id}).
 */
public final class OpenSearchStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchStorage.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** The write-ahead log is trimmed (and the shipped sequence saved) at most this often. */
    private static final long TRIM_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final OpenSearchConfig config;
    private final OpenSearchClient client;
    private final EventDocuments documents;
    private final DayIndices days;
    private final Path dir;
    private final String collectorId;
    private final int retentionDays;
    private final OpenSearchQueries queries;
    private final OpenSearchLease lease;
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fnlens-opensearch-retention");
        t.setDaemon(true);
        return t;
    });
    private Path walDir;
    private Shipper shipper;
    private long savedSeq;
    private long trimmedAtNanos;

    private OpenSearchStorage(OpenSearchConfig config, Path dir, String collectorId, int retentionDays) {
        this.config = config;
        this.client = new OpenSearchClient(config);
        this.documents = new EventDocuments(config.indexPrefix());
        this.days = new DayIndices(client, documents);
        this.dir = dir;
        this.collectorId = collectorId;
        this.retentionDays = retentionDays;
        this.queries = new OpenSearchQueries(client, days, !"false".equals(System.getProperty("fnlens.opensearch.aggregations")));
        this.lease = new OpenSearchLease(client, config.indexPrefix(), collectorId, Clock.systemUTC());
    }

    /**
     * @param dataDir       the collector's data directory: its id and the last shipped sequence live under
     *                      {@code opensearch/}
     * @param retentionDays day indices older than this are deleted; 0 keeps all
     */
    public static OpenSearchStorage open(OpenSearchConfig config, Path dataDir, int retentionDays) throws IOException {
        Path dir = dataDir.resolve("opensearch");
        Files.createDirectories(dir);
        Path idFile = dir.resolve("collector-id");
        if (!Files.exists(idFile)) {
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            writeDurably(idFile, HexFormat.of().formatHex(random));
        }
        String id = Files.readString(idFile).strip();
        if (!id.matches("[0-9a-z-]{1,64}")) {
            throw new IOException(idFile + " must hold this collector's id (lower-case letters, digits, -), found '"
                    + id + "'");
        }
        return new OpenSearchStorage(config, dir, id, retentionDays);
    }

    /** This collector's id: the first part of the id of every document it writes. */
    public String collectorId() {
        return collectorId;
    }

    /** The last write-ahead log sequence OpenSearch has confirmed (with all before it). */
    public long shippedSeq() {
        return shipper == null ? savedSeq : shipper.shippedSeq();
    }

    /** Makes everything OpenSearch holds searchable now, not within its refresh interval (tests, benchmarks). */
    public void refresh() throws IOException {
        OpenSearchClient.check(client.json("POST", "/" + documents.indexPattern() + "/_refresh", "{}", ADMIN_TIMEOUT),
                "refreshing");
    }

    @Override
    public long recover(Path walDir) throws IOException {
        this.walDir = walDir;
        Path saved = dir.resolve("shipped-seq");
        savedSeq = Files.exists(saved) ? Long.parseLong(Files.readString(saved).strip()) : 0;
        WalReader.Bounds log = WalReader.bounds(walDir); // the shipper reads the records themselves
        // the log deletes only what OpenSearch confirmed: whatever came before its first segment was shipped
        savedSeq = Math.max(savedSeq, log.firstSeq() - 1);
        long lastSeq = Math.max(log.lastSeq(), savedSeq);
        if (lastSeq > savedSeq) {
            LOG.info("OpenSearch: write-ahead log records {} to {} are sent again (OpenSearch keeps each once)",
                    savedSeq + 1, lastSeq);
        }
        return lastSeq + 1;
    }

    @Override
    public long storedThrough() {
        return savedSeq;
    }

    @Override
    public WriteAheadLog.DurableListener<List<LogEvent>> start(DurableLog log) {
        shipper = new Shipper(client, documents, collectorId, walDir, log, savedSeq, seq -> trim(log, seq),
                this::putTemplate);
        lease.start();
        if (retentionDays > 0) {
            maintenance.scheduleWithFixedDelay(this::applyRetention, 0, 1, TimeUnit.HOURS);
        }
        return shipper::accept;
    }

    /** Saves the shipped sequence, then lets the log delete what OpenSearch holds; at most once a second. */
    private void trim(DurableLog log, long seq) {
        long now = System.nanoTime();
        if (now - trimmedAtNanos < TRIM_EVERY_NANOS) {
            return;
        }
        trimmedAtNanos = now;
        try {
            writeDurably(dir.resolve("shipped-seq"), Long.toString(seq));
            log.deleteThrough(seq);
        } catch (IOException e) {
            LOG.warn("cannot save the shipped sequence {}: {}", seq, e.toString());
        }
    }

    private void putTemplate() throws IOException {
        OpenSearchClient.check(client.json("PUT", "/_index_template/" + config.indexPrefix() + "-events",
                documents.template(config.shards(), config.replicas()), ADMIN_TIMEOUT), "installing the index template");
    }

    void applyRetention() {
        LocalDate oldestKept = Indexer.oldestKept(retentionDays, Clock.systemUTC());
        try {
            days.deleteBefore(oldestKept).forEach(day ->
                    LOG.info("retention: deleted the OpenSearch index of {} (keeping {} days)", day, retentionDays));
        } catch (IOException e) {
            LOG.warn("retention: cannot delete old OpenSearch indices now: {}", e.getMessage());
        }
    }

    /** Held by exactly one of the collectors sharing the cluster. */
    @Override
    public AlertLease alertLease() {
        return lease;
    }

    @Override
    public QueryBackend queries() {
        return queries;
    }

    @Override
    public EventSearch search(Duration timeout) {
        return new OpenSearchSearch(client, documents, days, timeout);
    }

    @Override
    public void registerMetrics(CollectorMetrics metrics) {
        metrics.gauge("fnlens.opensearch.backlog", "Durable write-ahead log records OpenSearch has not confirmed",
                "records", shipper, Shipper::backlog);
        metrics.functionCounter("fnlens.opensearch.shipped", "Events OpenSearch confirmed", shipper::shippedEvents);
        metrics.functionCounter("fnlens.opensearch.rejected", "Events OpenSearch refused for their content",
                shipper::rejectedEvents);
        for (OpenSearchQueries.Plan plan : OpenSearchQueries.Plan.values()) {
            metrics.functionCounter("fnlens.opensearch.queries", "Insights queries by how OpenSearch answered them",
                    () -> queries.answered(plan), "plan", plan.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Nothing stops ingest here: while OpenSearch does not take events, the write-ahead log keeps them. */
    @Override
    public String problem() {
        return null;
    }

    @Override
    public String degraded() {
        String failure = shipper == null ? null : shipper.failure();
        if (failure != null) {
            return "storage: " + failure + " (" + shipper.backlog() + " write-ahead log records wait)";
        }
        List<String> unavailable = days.unavailable();
        return unavailable.isEmpty() ? null : "storage: OpenSearch indices without an active primary shard, left out"
                + " of queries: " + String.join(", ", unavailable);
    }

    /** Sends what is queued for up to 10 s; the rest stays in the write-ahead log for the next start. */
    @Override
    public void close() throws IOException {
        maintenance.shutdownNow();
        lease.close();
        if (shipper != null) {
            shipper.close();
            writeDurably(dir.resolve("shipped-seq"), Long.toString(shipper.shippedSeq()));
        }
    }

    private static void writeDurably(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n");
        IOUtils.fsync(tmp, false);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        IOUtils.fsync(file.getParent(), true);
    }
}
