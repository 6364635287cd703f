package dev.fnlens.collector.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.FirehoseFixtures;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds a collector on free ports at least 100,000 mutated OTLP bodies (protobuf and JSON,
 * plain and gzip, byte-level and structure-aware mutations, bodies built to decode into many
 * values), Firehose deliveries, Logs Insights queries and searches, from 4 threads over one
 * HTTP client. Nothing may be
 * answered 5xx, every answer must be well-formed, the heap must stay bounded, and the
 * collector must still store and find a normal batch afterwards.
 *
 * <p>Every case derives from the seed and its number, so a failure is reproduced with
 * {@code -Dfnlens.fuzz.seed=S} (printed with the failure), one case alone with
 * {@code -Dfnlens.fuzz.only=N}; {@code -Dfnlens.fuzz.cases=N} sets how many.
 */
class FuzzIT {
    static final long SEED = Long.getLong("fnlens.fuzz.seed", System.nanoTime());
    static final int CASES = Integer.getInteger("fnlens.fuzz.cases", 100_000);
    /** Runs only this case, alone, to reproduce one failure. */
    static final Integer ONLY = Integer.getInteger("fnlens.fuzz.only");
    private static final int THREADS = 4;
    private static final long HEAP_GROWTH_BOUND = 256L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static Collector collector;
    static TestHttp http;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> millisByKind = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private List<byte[]> tracesCorpus;
    private List<byte[]> logsCorpus;
    private List<byte[]> tracesJsonCorpus;
    private List<byte[]> logsJsonCorpus;
    private List<byte[]> firehoseCorpus;

    @BeforeAll
    static void start() throws Exception {
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0)
                .withMinFreeDiskBytes(0).withQueryTimeoutSeconds(1));
        http = new TestHttp(collector.otlpPort(), collector.httpPort());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void hostileBodiesAndQueries_neverGet5xx_heapStaysBounded_andTheCollectorStillWorks() throws Exception {
        // given
        Random seeds = new Random(SEED);
        tracesCorpus = corpus(seeds, true);
        logsCorpus = corpus(seeds, false);
        tracesJsonCorpus = json(tracesCorpus, true);
        logsJsonCorpus = json(logsCorpus, false);
        firehoseCorpus = firehose(seeds);
        long heapBefore = heapAfterGc();
        long t0 = System.nanoTime();

        // when
        if (ONLY != null) {
            runCase(ONLY);
            System.out.printf("fuzz: case %d of seed %d: %s%n", ONLY, SEED, outcomes.keySet());
            assertThat(failures).isEmpty();
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < CASES && failures.size() < 20; i = next.getAndIncrement()) {
                    runCase(i);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
        long seconds = Math.max(1, (System.nanoTime() - t0) / 1_000_000_000);
        long heapAfter = heapAfterGc();
        System.out.printf("fuzz: seed %d, %d cases in %d s (%d/s), heap %d MB before, %d MB after; outcomes %s%n",
                SEED, next.get(), seconds, next.get() / seconds, heapBefore >> 20, heapAfter >> 20,
                new TreeMap<>(outcomes));
        System.out.printf("fuzz: milliseconds spent per kind %s%n", new TreeMap<>(millisByKind));

        // then
        assertThat(failures).as("seed %d (rerun: -Dfnlens.fuzz.seed=%d)", SEED, SEED).isEmpty();
        assertThat(heapAfter - heapBefore).as("heap growth, seed %d", SEED).isLessThan(HEAP_GROWTH_BOUND);
        assertStillServes();
    }

    private void runCase(int i) {
        Random r = new Random(SEED ^ (i * 0x9E3779B97F4A7C15L));
        String kind = "?";
        String asked = ""; // the query or search, to reproduce a failure without the data the run had ingested
        long start = System.nanoTime();
        try {
            int dice = r.nextInt(100);
            HttpResponse<byte[]> response;
            if (dice < 9) {
                kind = "search";
                asked = new RandomQueries(r).searchUrl(System.currentTimeMillis() / 1000);
                response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + asked))
                        .timeout(Duration.ofSeconds(60)).build());
                check(kind, i, response, false, null);
                return;
            }
            if (dice < 18) {
                kind = "query";
                asked = new RandomInsights(r).body(System.currentTimeMillis() / 1000);
                response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort()
                        + "/api/query")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(asked))
                        .timeout(Duration.ofSeconds(60)).build());
                check(kind, i, response, false, null);
                return;
            }
            if (dice < 26) {
                kind = "firehose";
                byte[] seed = firehoseCorpus.get(r.nextInt(firehoseCorpus.size()));
                byte[] body = switch (r.nextInt(3)) {
                    case 0 -> JsonMutator.mutate(seed, r);
                    case 1 -> Mutator.mutate(seed, firehoseCorpus, r);
                    default -> firehoseWithMutatedRecords(r);
                };
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.otlpUrl("/cloudwatch/firehose")))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                String[] headers = FirehoseFixtures.headers("fz-" + i);
                for (int h = 0; h < headers.length; h += 2) {
                    if (r.nextInt(30) > 0) {
                        request.header(headers[h], r.nextInt(30) == 0 ? "\u00fc" + "x".repeat(r.nextInt(10_000)): headers[h + 1]);
                    }
                }
                response = send(request.build());
                check(kind, i, response, true, null);
                return;
            }
            boolean traces = r.nextBoolean();
            String path = traces ? "/v1/traces" : "/v1/logs";
            List<byte[]> protos = traces ? tracesCorpus : logsCorpus;
            List<byte[]> jsons = traces ? tracesJsonCorpus : logsJsonCorpus;
            boolean json;
            byte[] body;
            if (dice < 52) {
                kind = "protobuf-bytes";
                json = false;
                body = Mutator.mutate(protos.get(r.nextInt(protos.size())), protos, r);
            } else if (dice < 61) {
                kind = "protobuf-random";
                json = false;
                body = randomRequest(r, traces).toByteArray();
            } else if (dice < 73) {
                kind = "json-tree";
                json = true;
                body = JsonMutator.mutate(jsons.get(r.nextInt(jsons.size())), r);
            } else if (dice < 84) {
                kind = "json-bytes";
                json = true;
                body = Mutator.mutate(jsons.get(r.nextInt(jsons.size())), jsons, r);
            } else if (dice < 99) {
                kind = "gzip";
                json = r.nextBoolean();
                List<byte[]> from = json ? jsons : protos;
                byte[] inner = from.get(r.nextInt(from.size()));
                if (r.nextBoolean()) {
                    inner = json ? JsonMutator.mutate(inner, r) : Mutator.mutate(inner, from, r);
                }
                body = r.nextInt(3) == 0 ? Mutator.mutate(TestHttp.gzip(inner), from, r) : TestHttp.gzip(inner);
            } else {
                kind = "amplification";
                json = false;
                body = manyEmptyValues(r.nextInt(600_000));
                path = "/v1/logs";
                traces = false;
            }
            String contentType = json ? "application/json" : "application/x-protobuf";
            if (r.nextInt(50) == 0) {
                contentType = List.of("text/plain", "application/x-protobuf; charset=\u00ff", "APPLICATION/JSON",
                        "application/json;;;", "").get(r.nextInt(5));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.otlpUrl(path)))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            if (kind.equals("gzip")) {
                request.header("Content-Encoding", r.nextInt(20) == 0 ? "gzip, br" : "gzip");
            }
            response = send(request.build());
            check(kind, i, response, true, traces ? "traces" : "logs");
        } catch (Exception | AssertionError e) {
            failures.add("case " + i + " (" + kind + "): " + e + (asked.isEmpty() ? "" : " asking " + asked));
        } finally {
            millisByKind.computeIfAbsent(kind, k -> new LongAdder()).add((System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Sends once more, on a new connection, when a pooled one turns out closed (the server closes
     * idle ones, and those it answered 431 or 414; the client may pick one up in that instant):
     * counted, and a failure on the fresh connection fails the case.
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            outcomes.computeIfAbsent("resent after " + e.getMessage(), k -> new LongAdder()).increment();
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            return fresh.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private void check(String kind, int i, HttpResponse<byte[]> response, boolean ingest, String signal)
            throws Exception {
        int status = response.statusCode();
        String reason = "";
        if (status >= 400 && (ingest || kind.equals("query")) && status != 431 && status != 414) {
            JsonNode error = JSON.readTree(response.body());
            JsonNode word = error.get(kind.equals("firehose") ? "errorMessage" : "error");
            reason = kind.equals("firehose") ? "" : " " + word.asText();
            assertThat(word.asText()).isNotBlank();
        }
        outcomes.computeIfAbsent(kind + " " + status + reason, k -> new LongAdder()).increment();
        if (status >= 500) {
            failures.add("case " + i + " (" + kind + "): " + status + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
            return;
        }
        if (status == 200 && kind.equals("firehose")) {
            assertThat(JSON.readTree(response.body()).get("requestId")).isNotNull();
        } else if (status == 200 && kind.equals("query")) {
            outcomes.computeIfAbsent(kind + " 200 " + JSON.readTree(response.body()).get("status").asText(),
                    k -> new LongAdder()).increment();
        } else if (status == 200 && ingest) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json")) {
                JSON.readTree(response.body());
            } else {
                Message parsed = signal.equals("traces") ? ExportTraceServiceResponse.parseFrom(response.body())
                        : ExportLogsServiceResponse.parseFrom(response.body());
                assertThat(parsed).isNotNull();
            }
        }
    }

    private static Message randomRequest(Random r, boolean traces) {
        RandomOtlp random = new RandomOtlp(r, System.currentTimeMillis());
        return traces ? random.traces() : random.logs();
    }

    /** A log record whose body is a map of n empty entries: 2 bytes each on the wire. */
    private static byte[] manyEmptyValues(int n) {
        KeyValueList.Builder map = KeyValueList.newBuilder();
        for (int i = 0; i < n; i++) {
            map.addValues(KeyValue.getDefaultInstance());
        }
        return OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                LogRecord.newBuilder().setBody(AnyValue.newBuilder().setKvlistValue(map))).toByteArray();
    }

    /** Valid bodies to mutate: an agent's batch and random well-formed requests. */
    private static List<byte[]> corpus(Random r, boolean traces) {
        List<byte[]> corpus = new ArrayList<>();
        long now = System.currentTimeMillis();
        corpus.add(traces ? OtlpFixtures.traces("orders", OtlpFixtures.STREAM, OtlpFixtures.invocation("r-1", now),
                OtlpFixtures.invocation("r-2", now)).toByteArray()
                : OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                OtlpFixtures.logRecord("r-1", now, "INFO", "{\"cart\":{\"items\":3}}"),
                OtlpFixtures.logRecord(null, now, "WARN", "plain line")).toByteArray());
        for (int i = 0; i < 100; i++) {
            corpus.add(randomRequest(r, traces).toByteArray());
        }
        return corpus;
    }

    /** Firehose deliveries of CloudWatch Logs data and control messages with Lambda-like lines. */
    private static List<byte[]> firehose(Random r) {
        List<byte[]> corpus = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 40; i++) {
            String[] records = new String[1 + r.nextInt(3)];
            for (int k = 0; k < records.length; k++) {
                records[k] = FirehoseFixtures.record(k == 0 && i == 0 ? FirehoseFixtures.controlMessage(now)
                        : FirehoseFixtures.dataMessage("/aws/lambda/fz", OtlpFixtures.STREAM,
                        FirehoseFixtures.logEvent(Long.toString(r.nextLong()), now - r.nextInt(60_000),
                                "REPORT RequestId: fz-" + i + "\tDuration: 1.00 ms\tBilled Duration: 1 ms"),
                        FirehoseFixtures.logEvent("2", now, "{\"level\":\"INFO\",\"n\":" + i + "}")));
            }
            corpus.add(FirehoseFixtures.request("fz-" + i, now, records));
        }
        return corpus;
    }

    /** A well-formed delivery whose records hold mutated messages, gzip or base64. */
    private byte[] firehoseWithMutatedRecords(Random r) throws Exception {
        long now = System.currentTimeMillis();
        byte[] message = JSON.writeValueAsBytes(FirehoseFixtures.dataMessage("/aws/lambda/fz", OtlpFixtures.STREAM,
                FirehoseFixtures.logEvent("1", now, "line " + r.nextInt())));
        byte[] inner = r.nextBoolean() ? JsonMutator.mutate(message, r) : Mutator.mutate(message, firehoseCorpus, r);
        byte[] gzip = r.nextInt(4) == 0 ? Mutator.mutate(TestHttp.gzip(inner), firehoseCorpus, r) : TestHttp.gzip(inner);
        String data = r.nextInt(10) == 0 ? "not base64!" : java.util.Base64.getEncoder().encodeToString(gzip);
        return FirehoseFixtures.request("fz", now, data);
    }

    private static List<byte[]> json(List<byte[]> protobuf, boolean traces) throws Exception {
        List<byte[]> json = new ArrayList<>();
        for (byte[] body : protobuf) {
            Message request = traces ? ExportTraceServiceRequest.parseFrom(body) : ExportLogsServiceRequest.parseFrom(body);
            json.add(OtlpFixtures.otlpJson(request).getBytes(StandardCharsets.UTF_8));
        }
        return json;
    }

    private void assertStillServes() throws Exception {
        String id = UUID.randomUUID().toString();
        ExportTraceServiceRequest batch = OtlpFixtures.traces("after-fuzz", OtlpFixtures.STREAM,
                OtlpFixtures.invocation(id, System.currentTimeMillis()));
        assertThat(http.post("/v1/traces", "application/x-protobuf", batch.toByteArray()).statusCode()).isEqualTo(200);
        JsonNode found = null;
        for (int i = 0; i < 50; i++) {
            found = http.search("\"" + id + "\"", 10);
            if (found.get("events").size() == 3) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(found.get("events")).extracting(e -> e.get("@type").asText())
                .containsExactly("REPORT", "END", "START");
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(new String(http.get("/metrics").body(), StandardCharsets.UTF_8))
                .contains("fnlens_ingest_rejected_total");
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 64));
    }
}
