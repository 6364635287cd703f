package dev.fnlens.collector;

import dev.fnlens.collector.storage.LuceneStorage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 the collector's JVM while it ingests; after a restart on the same data
 * directory every acknowledged invocation is found exactly once.
 */
class CrashRecoveryIT {
    private static final int PER_BATCH = 5;

    @TempDir
    Path data;
    @TempDir
    Path logs;
    private int runs;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    @Test
    void everyAcknowledgedEvent_survivesKill9_exactlyOnce() throws Exception {
        // given: a collector with committed events and events only in the write-ahead log
        CollectorProcess child = CollectorProcess.start(data, logs.resolve("run-" + ++runs + ".log"));
        for (int i = 0; i < 20; i++) {
            assertThat(send(child)).isTrue();
        }
        awaitInvocations(child, acknowledged.size());
        Thread.sleep(LuceneStorage.COMMIT_INTERVAL.toMillis() + 1000); // a commit covers the first part
        for (int i = 0; i < 20; i++) {
            assertThat(send(child)).isTrue();
        }

        // when: it is killed right after an acknowledgement, then restarted
        child.kill();
        child = CollectorProcess.start(data, logs.resolve("run-" + ++runs + ".log"));

        // then
        assertExactlyOnce(child);

        // and when: it is killed while four senders are in flight
        AtomicBoolean sending = new AtomicBoolean(true);
        CollectorProcess target = child;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (sending.get() && send(target)) {
                    // keep sending until the collector dies
                }
            });
            sender.start();
            senders.add(sender);
        }
        int before = acknowledged.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.size() < before + 400 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        child.kill();
        sending.set(false);
        for (Thread sender : senders) {
            sender.join(30_000);
        }
        assertThat(acknowledged.size()).isGreaterThan(before);
        child = CollectorProcess.start(data, logs.resolve("run-" + ++runs + ".log"));

        // then again
        assertExactlyOnce(child);

        // and a clean stop loses nothing either
        child.stop();
        child = CollectorProcess.start(data, logs.resolve("run-" + ++runs + ".log"));
        assertExactlyOnce(child);
        child.stop();
    }

    /** One batch of invocations; their ids are remembered only if the collector said 200. */
    private boolean send(CollectorProcess child) {
        List<String> ids = new ArrayList<>();
        Span.Builder[] spans = new Span.Builder[PER_BATCH];
        for (int i = 0; i < PER_BATCH; i++) {
            ids.add(UUID.randomUUID().toString());
            spans[i] = OtlpFixtures.invocation(ids.get(i), System.currentTimeMillis() - 1000);
        }
        try {
            int status = child.http().post("/v1/traces", "application/x-protobuf",
                    OtlpFixtures.traces("orders", OtlpFixtures.STREAM, spans).toByteArray()).statusCode();
            if (status == 200) {
                acknowledged.addAll(ids);
                return true;
            }
            return false;
        } catch (UncheckedIOException e) {
            return false; // killed mid-request: not acknowledged
        }
    }

    private void assertExactlyOnce(CollectorProcess child) {
        for (String type : List.of("START", "END", "REPORT")) {
            Map<String, Integer> perRequest = countByRequestId(child, type);
            assertThat(perRequest).as("%s events indexed more than once", type)
                    .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
            assertThat(perRequest.keySet()).as("acknowledged %s events", type).containsAll(acknowledged);
        }
    }

    private static void awaitInvocations(CollectorProcess child, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (countByRequestId(child, "REPORT").size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Map<String, Integer> countByRequestId(CollectorProcess child, String type) {
        JsonNode result = child.http().search("@type:" + type, 10_000);
        assertThat(result.get("statistics").get("recordsMatched").asLong()).isLessThan(10_000);
        Map<String, Integer> counts = new HashMap<>();
        result.get("events").forEach(e -> counts.merge(e.get("@requestId").asText(), 1, Integer::sum));
        return counts;
    }
}
