package dev.fnlens.collector.perf;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end: OTLP/HTTP protobuf from several senders in this JVM into a collector on a temp
 * directory; durable (acknowledged) events per second, how long until the last one is
 * searchable, index bytes per event. {@code IngestBench [events] [senders] [invocationsPerRequest]}.
 * Each request is either invocation spans (START, END, REPORT each; some cold) or application
 * log records of the same invocations; times move on as in live traffic.
 */
public final class IngestBench {
    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int perRequest = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<byte[]> traces = new ArrayList<>();
        List<byte[]> logs = new ArrayList<>();
        long events = build(target, perRequest, traces, logs);
        Path dir = Files.createTempDirectory("collector-ingest-bench");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(dir).withOtlpPort(0).withHttpPort(0));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + collector.otlpPort();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        int requests = traces.size() + logs.size();
        System.gc();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    boolean span = i % 2 == 0 && i / 2 < traces.size() || i / 2 >= logs.size();
                    byte[] body = span ? traces.get(Math.min(i / 2, traces.size() - 1)) : logs.get(i / 2);
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base
                                        + (span ? "/v1/traces" : "/v1/logs")))
                                .header("Content-Type", "application/x-protobuf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double ackSecs = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%,d events in %,d requests from %d senders: %.1f s, %,.0f events/s durable"
                        + " (%d failed requests); %.1f CPU s, %,.0f events per CPU second%n",
                events, requests, senders, ackSecs, events / ackSecs, failures.get(), cpu, events / cpu);
        long t1 = System.nanoTime();
        collector.close();
        System.out.printf(Locale.ROOT, "close (index the rest, commit): %.1f s%n", (System.nanoTime() - t1) / 1e9);
        IndexBench.report(dir.resolve("index"), events, "index");
        IndexBench.deleteTree(dir);
    }

    /** Request bodies for at least {@code target} events; returns the exact number of events. */
    static long build(int target, int perRequest, List<byte[]> traces, List<byte[]> logs) {
        Random random = new Random(3);
        long now = System.currentTimeMillis() - 120_000;
        long events = 0;
        long invocations = 0;
        String[] functions = {"orders", "billing", "images", "users"};
        while (events < target) {
            String function = functions[random.nextInt(functions.length)];
            String stream = String.format(Locale.ROOT, "2026/01/02/[$LATEST]%032x", random.nextInt(16));
            Span.Builder[] spans = new Span.Builder[perRequest];
            List<LogRecord.Builder> records = new ArrayList<>();
            for (int i = 0; i < perRequest; i++) {
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                // as live traffic: time moves on (50 invocations per ms), each request a second or so late
                long start = now + invocations++ / 50 + random.nextInt(1000);
                double duration = Math.round(Math.exp(random.nextGaussian() * 1.1 + 4) * 100) / 100.0;
                boolean cold = random.nextInt(20) == 0;
                spans[i] = OtlpFixtures.invocation(id, start)
                        .setEndTimeUnixNano((start + (long) duration) * 1_000_000)
                        .addAttributes(OtlpFixtures.attr(FnlensAttributes.DURATION_MS, duration))
                        .addAttributes(OtlpFixtures.attr(FnlensAttributes.BILLED_DURATION_MS, Math.ceil(duration)))
                        .addAttributes(OtlpFixtures.attr(FnlensAttributes.MAX_MEMORY_USED_MB, 60 + random.nextInt(200)))
                        .addAttributes(OtlpFixtures.attr(FnlensAttributes.FAAS_COLDSTART, cold))
                        .addAttributes(OtlpFixtures.attr(FnlensAttributes.INIT_DURATION_MS, 300 + random.nextInt(500)));
                events += 3;
                int lines = random.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    String body = random.nextBoolean()
                            ? "processed order " + random.nextInt(100_000) + " for customer c-" + random.nextInt(5000)
                            : "{\"level\":\"INFO\",\"message\":\"cart updated\",\"orderId\":" + random.nextInt(100_000)
                                    + ",\"cart\":{\"items\":" + random.nextInt(9) + "}}";
                    records.add(OtlpFixtures.logRecord(id, start + l, "INFO", body));
                    events++;
                }
            }
            traces.add(OtlpFixtures.traces(function, stream, spans).toByteArray());
            logs.add(OtlpFixtures.logs(function, stream, records.toArray(LogRecord.Builder[]::new)).toByteArray());
        }
        return events;
    }
}
