package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.event.EventCodec;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.storage.Storage.DurableLog;
import dev.fnlens.collector.wal.WalReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends durable write-ahead log records to OpenSearch with the bulk API, in sequence order, and
 * tells the log which records OpenSearch holds (it may then delete them). Each event's document
 * id is {@code collector-seq-idx}, so sending a batch twice stores it once.
 *
 * <p>Never a brake on ingest: records wait in a bounded queue; when it is full (OpenSearch slow
 * or down) they are left out and read back from the write-ahead log files once OpenSearch takes
 * writes again — the log keeps them until then. A batch OpenSearch refuses (unreachable, 429,
 * 5xx, a shard unavailable) is sent again after 0.5 s, doubling to 10 s; a document it rejects
 * for its content (a 400) is counted and skipped.
 */
final class Shipper implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);
    static final int QUEUE_RECORDS = 4096;
    static final int BATCH_EVENTS = 5000;
    private static final Duration BULK_TIMEOUT = Duration.ofSeconds(60);
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 10_000;

    private record Record(long seq, List<LogEvent> events) {
    }

    /** What must be in place before the first document is sent (the index template). */
    @FunctionalInterface
    interface Preparation {
        void prepare() throws IOException;
    }

    private final OpenSearchClient client;
    private final EventDocuments documents;
    private final String collectorId;
    private final Path walDir;
    private final DurableLog log;
    private final LongConsumer shipped;
    private final Preparation preparation;
    private boolean prepared;
    private final BlockingQueue<Record> queue = new ArrayBlockingQueue<>(QUEUE_RECORDS);
    private final Thread worker;
    private final AtomicLong shippedEvents = new AtomicLong();
    private final AtomicLong rejectedEvents = new AtomicLong();
    /** A record was left out of the queue: read the log files again. */
    private volatile boolean behind = true;
    private volatile long shippedSeq;
    private volatile String failure;
    private volatile boolean closing;

    /**
     * @param shippedSeq every record through this one is already in OpenSearch
     * @param shipped    told each new {@code shippedSeq}
     */
    Shipper(OpenSearchClient client, EventDocuments documents, String collectorId, Path walDir, DurableLog log,
            long shippedSeq, LongConsumer shipped, Preparation preparation) {
        this.preparation = preparation;
        this.client = client;
        this.documents = documents;
        this.collectorId = collectorId;
        this.walDir = walDir;
        this.log = log;
        this.shippedSeq = shippedSeq;
        this.shipped = shipped;
        this.worker = new Thread(this::run, "fnlens-opensearch-shipper");
        worker.setDaemon(true);
        worker.start();
    }

    /** The write-ahead log's listener: never blocks. */
    void accept(long seq, List<LogEvent> events) {
        if (behind || !queue.offer(new Record(seq, events))) {
            behind = true;
        }
    }

    long shippedSeq() {
        return shippedSeq;
    }

    /** Durable records not yet confirmed by OpenSearch. */
    long backlog() {
        return Math.max(0, log.durableSeq() - shippedSeq);
    }

    long shippedEvents() {
        return shippedEvents.get();
    }

    long rejectedEvents() {
        return rejectedEvents.get();
    }

    /** Why OpenSearch does not take the events now, or null. */
    String failure() {
        return failure;
    }

    private void run() {
        List<Record> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty() && !behind) {
            try {
                if (behind) {
                    behind = false;
                    catchUpFromLog();
                    continue;
                }
                Record first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.events().size();
                while (events < BATCH_EVENTS && queue.peek() != null) {
                    Record r = queue.poll();
                    batch.add(r);
                    events += r.events().size();
                }
                ship(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!closing) {
                    LOG.warn("OpenSearch shipper interrupted; unsent records stay in the write-ahead log");
                }
                return;
            } catch (IOException | RuntimeException | Error e) { // out of memory too: the log still holds every record
                LOG.error("reading the write-ahead log for OpenSearch failed; trying again", e);
                failure = "reading the write-ahead log: " + e.getMessage();
                behind = true;
                batch.clear();
                sleepQuietly(FIRST_RETRY_MILLIS);
            }
        }
    }

    /** Sends every durable record after {@link #shippedSeq} from the log files, batch by batch. */
    private void catchUpFromLog() throws IOException, InterruptedException {
        long upTo = log.durableSeq();
        if (upTo <= shippedSeq) {
            return;
        }
        List<Record> batch = new ArrayList<>();
        int[] events = {0};
        InterruptedException[] interrupted = {null};
        WalReader.replay(walDir, (seq, payload) -> {
            if (seq <= shippedSeq || seq > upTo || interrupted[0] != null) {
                return;
            }
            List<LogEvent> decoded = EventCodec.decode(payload);
            batch.add(new Record(seq, decoded));
            events[0] += decoded.size();
            if (events[0] >= BATCH_EVENTS) {
                try {
                    ship(batch);
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                }
                batch.clear();
                events[0] = 0;
            }
        });
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        ship(batch);
    }

    /** Sends the records (skipping those already shipped) until OpenSearch holds them all. */
    private void ship(List<Record> records) throws InterruptedException {
        List<Record> fresh = records.stream().filter(r -> r.seq() > shippedSeq).toList();
        if (fresh.isEmpty()) {
            return;
        }
        if (fresh.get(0).seq() > shippedSeq + 1) {
            behind = true; // a record in between was left out of the queue: the log has it
            return;
        }
        List<String> lines = new ArrayList<>();
        int count = 0;
        for (Record r : fresh) {
            for (int i = 0; i < r.events().size(); i++) {
                LogEvent e = r.events().get(i);
                lines.add("{\"index\":{\"_index\":\"" + documents.index(e.timestamp()) + "\",\"_id\":\""
                        + EventDocuments.id(collectorId, r.seq(), i) + "\"}}\n"
                        + EventDocuments.document(e, collectorId, r.seq(), i) + "\n");
                count++;
            }
        }
        long retry = FIRST_RETRY_MILLIS;
        while (!lines.isEmpty()) {
            try {
                lines = sendOnce(lines);
            } catch (IOException e) {
                noteFailure("OpenSearch unreachable: " + e.getMessage());
            }
            if (!lines.isEmpty()) {
                if (closing) {
                    throw new InterruptedException("closing"); // the log keeps them for the next start
                }
                Thread.sleep(retry);
                retry = Math.min(MAX_RETRY_MILLIS, retry * 2);
            }
        }
        if (failure != null) {
            LOG.info("OpenSearch takes events again");
            failure = null;
        }
        shippedEvents.addAndGet(count);
        shippedSeq = fresh.get(fresh.size() - 1).seq();
        shipped.accept(shippedSeq);
    }

    /** One bulk request; answers the lines to send again (empty when all are stored or refused for good). */
    private List<String> sendOnce(List<String> lines) throws IOException {
        if (!prepared) {
            preparation.prepare();
            prepared = true;
        }
        StringBuilder body = new StringBuilder();
        lines.forEach(body::append);
        OpenSearchClient.Response response = client.bulk(body.toString(), BULK_TIMEOUT);
        if (!response.ok()) {
            noteFailure("OpenSearch answered " + response.status() + " to a bulk request: " + response.reason());
            return lines;
        }
        JsonNode answer = response.json();
        if (!answer.path("errors").asBoolean()) {
            return List.of();
        }
        List<String> again = new ArrayList<>();
        JsonNode items = answer.path("items");
        for (int i = 0; i < items.size() && i < lines.size(); i++) {
            JsonNode item = items.get(i).path("index");
            int status = item.path("status").asInt();
            if (status >= 200 && status < 300) {
                continue;
            }
            String reason = item.path("error").path("type").asText() + ": " + item.path("error").path("reason").asText();
            if (status == 429 || status >= 500) {
                again.add(lines.get(i));
                noteFailure("OpenSearch refused documents for now (" + status + " " + reason + ")");
            } else {
                rejectedEvents.incrementAndGet();
                LOG.warn("OpenSearch rejected an event for good ({} {}): {}", status, reason, item.path("_id").asText());
            }
        }
        return again;
    }

    private void noteFailure(String why) {
        if (failure == null) {
            LOG.warn("{}; events stay in the write-ahead log and are sent again", why);
        }
        failure = why;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what is queued for up to {@code grace}; the rest stays in the write-ahead log for the next start. */
    void close(Duration grace) {
        closing = true;
        try {
            worker.join(grace.toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
