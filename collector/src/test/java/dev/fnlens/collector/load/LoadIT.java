package dev.fnlens.collector.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.CollectorProcess;
import dev.fnlens.collector.OtlpFixtures;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load generator on loopback against a collector JVM: agents ingest at a steady rate
 * while 10 users run Logs Insights queries, searches, function lists and invocation
 * look-ups, with a little think time. Every request must succeed; the report gives the
 * ingest rate held, query and search p50/p95/max, errors and the collector's heap.
 *
 * <p>CI runs {@value #CI_SECONDS} s. The full run, 10 minutes:
 * {@code mvn -pl collector verify -Dit.test=LoadIT -Dfnlens.load.seconds=600}
 * ({@code -Dfnlens.load.rate=N} sets the ingest rate in events/s).
 */
class LoadIT {
    static final int CI_SECONDS = 45;
    private static final long SECONDS = Long.getLong("fnlens.load.seconds", CI_SECONDS);
    private static final int RATE = Integer.getInteger("fnlens.load.rate", 3_000);
    private static final int USERS = 10;
    private static final int SENDERS = 2;
    private static final int INVOCATIONS_PER_BATCH = 50;
    private static final int FUNCTIONS = 8;
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");

    @TempDir
    Path data;
    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final LongAdder eventsAcknowledged = new LongAdder();
    /** Acknowledged invocations: {ack time in ms, request id}, oldest first. */
    private final List<Object[]> acknowledgedIds = new ArrayList<>();
    private final AtomicLong maxHeap = new AtomicLong();
    private volatile boolean running = true;

    @Test
    void sustainedIngest_whileTenUsersQuery_noErrors() throws Exception {
        // given: a collector JVM; 10 users share 127.0.0.1, so its per-caller query cap is raised to match
        CollectorProcess collector = CollectorProcess.startWithHeap(data, logs.resolve("collector.log"), "512m",
                "--max-concurrent-queries", Integer.toString(USERS));
        String otlp = collector.http().otlpUrl("");
        String api = "http://127.0.0.1:" + collector.http().httpPort();

        // when
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            threads.add(start("sender-" + s, () -> ingest(otlp, sender)));
        }
        Thread.sleep(2_000); // some data before the first query
        for (int u = 0; u < USERS; u++) {
            long seed = u;
            threads.add(start("user-" + u, () -> user(api, new Random(seed))));
        }
        threads.add(start("heap", () -> sampleHeap(api)));
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS));
        running = false;
        long joined = System.nanoTime();
        for (Thread t : threads) {
            t.join(120_000);
            assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
        }
        System.out.printf("load: load threads stopped %d ms after the end%n", (System.nanoTime() - joined) / 1_000_000);
        double seconds = (System.nanoTime() - t0) / 1e9 + 2;
        long heapAfterGc = heapAfterGc(collector, api);
        collector.stop();

        // then
        String report = report(seconds, heapAfterGc);
        System.out.println(report);
        Files.writeString(Path.of("target", "load-report.txt"), report);
        assertThat(errors).as("failed requests").isEmpty();
        assertThat(eventsAcknowledged.sum()).isPositive();
        assertThat(latencies.get("query")).isNotEmpty();
        assertThat(latencies.get("search")).isNotEmpty();
    }

    /** Agents: traces and logs batches at a steady share of the rate, as the fnlens agent shapes them. */
    private void ingest(String otlp, int sender) {
        Random random = new Random(100 + sender);
        int eventsPerRound = INVOCATIONS_PER_BATCH * 5; // START, END, REPORT + 2 application lines
        long intervalNanos = (long) (1e9 * eventsPerRound * SENDERS / RATE);
        long next = System.nanoTime();
        while (running) {
            String function = "load-" + random.nextInt(FUNCTIONS);
            String stream = "2026/01/01/[$LATEST]" + String.format("%032x", random.nextInt(64));
            long now = System.currentTimeMillis();
            Span.Builder[] spans = new Span.Builder[INVOCATIONS_PER_BATCH];
            LogRecord.Builder[] lines = new LogRecord.Builder[INVOCATIONS_PER_BATCH * 2];
            for (int i = 0; i < INVOCATIONS_PER_BATCH; i++) {
                String id = UUID.randomUUID().toString();
                spans[i] = OtlpFixtures.invocation(id, now - 200);
                lines[2 * i] = OtlpFixtures.logRecord(id, now - 150, "INFO",
                        "{\"msg\":\"order placed\",\"items\":" + random.nextInt(10) + ",\"total\":" + random.nextInt(500) + "}");
                lines[2 * i + 1] = OtlpFixtures.logRecord(id, now - 100, random.nextInt(50) == 0 ? "ERROR" : "INFO",
                        random.nextInt(50) == 0 ? "payment failed: card declined" : "done in " + random.nextInt(200) + " ms");
            }
            if (post("ingest", otlp + "/v1/traces", OtlpFixtures.traces(function, stream, spans).toByteArray(),
                    "application/x-protobuf", 3 * INVOCATIONS_PER_BATCH)) {
                synchronized (acknowledgedIds) {
                    acknowledgedIds.add(new Object[] {System.currentTimeMillis(),
                            spans[0].getAttributes(0).getValue().getStringValue()});
                }
            }
            post("ingest", otlp + "/v1/logs", OtlpFixtures.logs(function, stream, lines).toByteArray(),
                    "application/x-protobuf", 2 * INVOCATIONS_PER_BATCH);
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(TimeUnit.NANOSECONDS.toMillis(wait));
            }
        }
    }

    /** A user of the UI: queries, searches, the function list, one invocation; 0.2-1 s of thought in between. */
    private void user(String api, Random random) {
        List<String> queries = List.of(
                "filter @type = \"REPORT\" | stats avg(@duration), pct(@duration, 95), max(@maxMemoryUsed) by @log",
                "stats count(*) by bin(1m)",
                "filter @message like /payment failed/ | fields @timestamp, @requestId, @message | limit 50",
                "fields @timestamp, @message | sort @timestamp desc | limit 20",
                "filter total > 400 | stats count() by @log",
                "filter @type = \"REPORT\" | stats count() as invocations, sum(@billedDuration) by bin(5m), @log");
        List<String> searches = List.of("REPORT", "\"payment failed\"", "@type:REPORT AND @duration:[100 TO *]",
                "error OR failed", "order placed");
        while (running) {
            long now = System.currentTimeMillis() / 1000;
            int dice = random.nextInt(10);
            if (dice < 5) {
                String body = "{\"query\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                        queries.get(random.nextInt(queries.size()))) + ", \"startTime\": " + (now - 900)
                        + ", \"endTime\": " + (now + 60) + "}";
                send("query", HttpRequest.newBuilder(URI.create(api + "/api/query"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            } else if (dice < 8) {
                send("search", HttpRequest.newBuilder(URI.create(api + "/api/search?limit=100&start=" + (now - 900)
                        + "&end=" + (now + 60) + "&q=" + URLEncoder.encode(searches.get(random.nextInt(searches.size())),
                        StandardCharsets.UTF_8))));
            } else if (dice < 9) {
                send("functions", HttpRequest.newBuilder(URI.create(api + "/api/functions")));
            } else {
                String id = null;
                synchronized (acknowledgedIds) {
                    // searchable about a second after the acknowledgement when idle; allow 5 s under load
                    long before = System.currentTimeMillis() - 5_000;
                    int old = 0;
                    while (old < acknowledgedIds.size() && (long) acknowledgedIds.get(old)[0] < before) {
                        old++;
                    }
                    if (old > 0) {
                        id = (String) acknowledgedIds.get(random.nextInt(old))[1];
                    }
                }
                if (id != null) {
                    send("invocation", HttpRequest.newBuilder(URI.create(api + "/api/invocations/" + id)));
                }
            }
            sleep(200 + random.nextInt(800));
        }
    }

    private boolean post(String kind, String url, byte[] body, String type, int events) {
        if (send(kind, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)))) {
            eventsAcknowledged.add(events);
            return true;
        }
        return false;
    }

    private boolean send(String kind, HttpRequest.Builder request) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>()).add((System.nanoTime() - t0) / 1_000_000);
            if (response.statusCode() != 200 || kind.equals("query") && !response.body().contains("\"Complete\"")) {
                errors.add(kind + " " + response.statusCode() + " " + response.body().substring(0,
                        Math.min(300, response.body().length())));
                return false;
            }
            return true;
        } catch (Exception e) {
            errors.add(kind + " " + e);
            return false;
        }
    }

    private void sampleHeap(String api) {
        while (running) {
            maxHeap.accumulateAndGet(heap(api), Math::max);
            sleep(1_000);
        }
    }

    private long heap(String api) {
        try {
            String metrics = client.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            Matcher m = HEAP.matcher(metrics);
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    private long heapAfterGc(CollectorProcess collector, String api) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(collector.process().pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(30, TimeUnit.SECONDS);
        return heap(api);
    }

    private String report(double seconds, long heapAfterGc) {
        StringBuilder r = new StringBuilder(String.format("load: %.0f s, %d users, target %d events/s;"
                        + " ingested %d events (%.0f events/s); errors %d; collector heap max %d MB, after GC %d MB (-Xmx512m)%n",
                seconds, USERS, RATE, eventsAcknowledged.sum(), eventsAcknowledged.sum() / seconds, errors.size(),
                maxHeap.get() >> 20, heapAfterGc >> 20));
        latencies.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            List<Long> sorted = e.getValue().stream().sorted().toList();
            r.append(String.format("load: %-10s n=%-6d p50 %5d ms  p95 %5d ms  max %5d ms%n", e.getKey(), sorted.size(),
                    pct(sorted, 50), pct(sorted, 95), sorted.get(sorted.size() - 1)));
        });
        errors.stream().limit(10).forEach(e -> r.append("load: error ").append(e).append('\n'));
        return r.toString();
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
