package dev.fnlens.bench.ingest;

import dev.fnlens.bench.fnlens.FnlensClient;
import dev.fnlens.bench.opensearch.OpenSearchIndex;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * While the senders run, how long an acknowledged event takes to become searchable: once a second one line with a
 * word of its own, stamped inside the data set's time range (so that it lands in the day index being written), is
 * sent; from its acknowledgement the system is searched for the word every 10 ms until it answers it. The probes of
 * the first {@value #WARM_UP_SECONDS} seconds are summed up apart: a JVM just started runs its code interpreted.
 */
final class VisibilityProbe implements AutoCloseable {
    private static final long GIVE_UP_NANOS = 30_000_000_000L;
    static final int WARM_UP_SECONDS = 10;

    /** The system probed: sends one line durably, and searches for a word. */
    interface Target {
        void send(String word, long timeMillis) throws IOException;

        boolean finds(String word, long timeMillis) throws IOException;
    }

    /** fnlens: the line as OTLP log record, found by {@code /api/search}. */
    static Target of(FnlensClient client) {
        return new Target() {
            @Override
            public void send(String word, long timeMillis) throws IOException {
                client.logs(marker(word, timeMillis).toByteArray());
            }

            @Override
            public boolean finds(String word, long timeMillis) throws IOException {
                return client.search(word, timeMillis / 1000 - 1, timeMillis / 1000 + 1, 1).path("events").size() > 0;
            }
        };
    }

    /**
     * OpenSearch: the line through {@code _bulk} (acknowledged once its translog is fsynced, as the senders' bulks),
     * found by a match query on {@code @message}; OpenSearch refreshes every second on its own.
     */
    static Target of(OpenSearchIndex index) {
        return new Target() {
            @Override
            public void send(String word, long timeMillis) throws IOException {
                String line = "{\"index\":{}}\n{\"@timestamp\":" + timeMillis + ",\"@log\":\"visibility-probe\","
                        + "\"@message\":\"probe " + word + "\"}\n";
                index.bulk(line.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean finds(String word, long timeMillis) throws IOException {
                var r = index.search("{\"size\":1,\"query\":{\"match\":{\"@message\":\"" + word + "\"}}}");
                if (!r.ok()) {
                    throw new IOException("search failed (HTTP " + r.status() + ")");
                }
                return r.json().path("hits").path("hits").size() > 0;
            }
        };
    }

    private final Target target;
    private final long eventMillis;
    private final List<Long> delaysNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> warmUpDelaysNanos = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int lost;
    private volatile int sent;
    private volatile int failed;
    private volatile String firstFailure;

    VisibilityProbe(Target target, long eventMillis) {
        this.target = target;
        this.eventMillis = eventMillis;
        this.thread = new Thread(this::run, "visibility-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        for (int n = 0; !stopped; n++) {
            long next = System.nanoTime() + 1_000_000_000L;
            String word = "fnlensprobe" + n + "x" + Long.toString(System.nanoTime(), 36);
            long time = eventMillis + n;
            try {
                target.send(word, time);
                sent++;
                long acked = System.nanoTime();
                boolean seen = false;
                while (!seen && System.nanoTime() - acked < GIVE_UP_NANOS) {
                    seen = target.finds(word, time);
                    if (seen) {
                        (acked - start < WARM_UP_SECONDS * 1_000_000_000L ? warmUpDelaysNanos : delaysNanos)
                                .add(System.nanoTime() - acked);
                    } else {
                        Thread.sleep(10);
                    }
                }
                if (!seen) {
                    lost++;
                }
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopped) {
                    return; // interrupted by close
                }
                failed++;
                firstFailure = firstFailure != null ? firstFailure : e.toString();
            }
        }
    }

    private static ExportLogsServiceRequest marker(String word, long timeMillis) {
        long nanos = timeMillis * 1_000_000;
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("visibility-probe"))))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(nanos)
                        .setObservedTimeUnixNano(nanos).setBody(AnyValue.newBuilder().setStringValue("probe " + word)))))
                .build();
    }

    /** Probe lines acknowledged: events beside the data set's. */
    int sent() {
        return sent;
    }

    /**
     * p50, p99 and max of the delays after the warm-up, how many were within a second, the warm-up's max, how many
     * probes were never seen within 30 s, and which failed (refused).
     */
    String summary() {
        List<Long> sorted = sorted(delaysNanos);
        List<Long> warmUp = sorted(warmUpDelaysNanos);
        String tail = String.format(Locale.ROOT, "; in the first %d s: %d probes, max %.0f ms (%d not seen within 30 s%s)",
                WARM_UP_SECONDS, warmUp.size(), warmUp.isEmpty() ? 0 : warmUp.get(warmUp.size() - 1) / 1e6, lost,
                failed == 0 ? "" : ", " + failed + " failed: " + firstFailure);
        if (sorted.isEmpty()) {
            return "no probe seen after the warm-up" + tail;
        }
        long withinASecond = sorted.stream().filter(nanos -> nanos <= 1_000_000_000L).count();
        return String.format(Locale.ROOT, "searchable after ack: p50 %.0f ms, p99 %.0f ms, max %.0f ms, %d of %d within"
                + " 1 s", ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6, withinASecond,
                sorted.size()) + tail;
    }

    private static List<Long> sorted(List<Long> delays) {
        List<Long> sorted;
        synchronized (delays) {
            sorted = new ArrayList<>(delays);
        }
        Collections.sort(sorted);
        return sorted;
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
