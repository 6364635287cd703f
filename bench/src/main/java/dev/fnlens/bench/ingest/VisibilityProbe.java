package dev.fnlens.bench.ingest;

import dev.fnlens.bench.fnlens.FnlensClient;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * While the senders run, how long an acknowledged event takes to become searchable: once a second one line with a
 * word of its own, stamped inside the data set's time range (so that it lands in the day index being written), is
 * sent; from its acknowledgement {@code /api/search} is asked for the word every 10 ms until it answers it.
 */
final class VisibilityProbe implements AutoCloseable {
    private static final long GIVE_UP_NANOS = 30_000_000_000L;

    private final FnlensClient client;
    private final long eventMillis;
    private final List<Long> delaysNanos = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int lost;
    private volatile int sent;
    private volatile int failed;
    private volatile String firstFailure;

    VisibilityProbe(FnlensClient client, long eventMillis) {
        this.client = client;
        this.eventMillis = eventMillis;
        this.thread = new Thread(this::run, "visibility-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        for (int n = 0; !stopped; n++) {
            long next = System.nanoTime() + 1_000_000_000L;
            String word = "fnlensprobe" + n + "x" + Long.toString(System.nanoTime(), 36);
            long time = eventMillis + n;
            try {
                client.logs(marker(word, time).toByteArray());
                sent++;
                long acked = System.nanoTime();
                boolean seen = false;
                while (!seen && System.nanoTime() - acked < GIVE_UP_NANOS) {
                    seen = client.search(word, time / 1000 - 1, time / 1000 + 1, 1).path("events").size() > 0;
                    if (seen) {
                        delaysNanos.add(System.nanoTime() - acked);
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

    /** p50, p99 and max of the delays, how many probes were never seen within 30 s, and which failed (refused). */
    String summary() {
        List<Long> sorted;
        synchronized (delaysNanos) {
            sorted = new ArrayList<>(delaysNanos);
        }
        if (sorted.isEmpty()) {
            return "no probe seen (" + lost + " lost)";
        }
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "searchable after ack: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d probes, %d not"
                        + " seen within 30 s%s)", ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6,
                sorted.size(), lost, failed == 0 ? "" : ", " + failed + " failed: " + firstFailure);
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
