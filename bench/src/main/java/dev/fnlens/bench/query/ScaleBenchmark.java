package dev.fnlens.bench.query;

import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.ProcessStats;
import dev.fnlens.bench.Report;
import dev.fnlens.bench.fnlens.CollectorProcess;
import dev.fnlens.bench.fnlens.FnlensClient;
import dev.fnlens.bench.ingest.DataDirs;
import dev.fnlens.bench.ingest.PreparedData;
import dev.fnlens.bench.ingest.Readback;
import dev.fnlens.bench.ingest.Senders;
import dev.fnlens.testkit.opensearch.OpenSearchCluster;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code bench scale}: the same data set through the embedded store (one collector) and through the
 * OpenSearch store with one and two collectors against one- and two-node clusters (one replica on
 * two nodes), each setup from empty: durable ingest (requests spread over the collectors), time
 * until every event is searchable, CPU of all server processes, then the standard questions'
 * latency through the first collector.
 */
public final class ScaleBenchmark {
    private record Setup(String name, int collectors, int nodes) {
        boolean embedded() {
            return nodes == 0;
        }
    }

    private record Outcome(double eventsPerSecond, double visibleSeconds, double cpuPerMillion,
                           List<QueryOutcome> queries) {
    }

    private static final List<Setup> SETUPS = List.of(new Setup("embedded, 1 collector", 1, 0),
            new Setup("OpenSearch 1 node, 1 collector", 1, 1), new Setup("OpenSearch 1 node, 2 collectors", 2, 1),
            new Setup("OpenSearch 2 nodes, 1 collector", 1, 2), new Setup("OpenSearch 2 nodes, 2 collectors", 2, 2));

    private ScaleBenchmark() {
    }

    public static void run(BenchOptions options) throws Exception {
        PreparedData data = PreparedData.prepare(options.dataSetDir(), options.spec());
        List<QueryCase> cases = QueryCase.standard();
        Map<Setup, Outcome> outcomes = new LinkedHashMap<>();
        for (Setup setup : SETUPS) {
            System.out.printf("scale: %s, %,d events…%n", setup.name(), data.events());
            outcomes.put(setup, run(options, data, cases, setup));
            System.out.println(report(options, data, cases, outcomes));
        }
        Report.write(options.work().resolve("scale-results.md"), report(options, data, cases, outcomes));
    }

    private static Outcome run(BenchOptions options, PreparedData data, List<QueryCase> cases, Setup setup)
            throws Exception {
        Path root = options.work().resolve("scale");
        DataDirs.delete(root);
        Files.createDirectories(root);
        OpenSearchCluster cluster = setup.embedded() ? null : OpenSearchCluster.start(options.openSearchZip(),
                setup.nodes(), root.resolve("opensearch"), options.openSearchHeap());
        List<CollectorProcess> collectors = new ArrayList<>();
        try {
            for (int i = 0; i < setup.collectors(); i++) {
                Path dir = Files.createDirectories(root.resolve("collector-" + i));
                List<String> args = List.of();
                if (cluster != null) {
                    Path config = root.resolve("collector-" + i + ".yaml");
                    Files.writeString(config, """
                            storage:
                              type: opensearch
                              urls: [%s]
                              shards: %d
                              replicas: %d
                            """.formatted(cluster.uris().stream().map(Object::toString).collect(Collectors.joining(", ")),
                            setup.nodes(), setup.nodes() - 1));
                    args = List.of("--config", config.toString());
                }
                collectors.add(CollectorProcess.start(new CollectorProcess.Config(options.fnlensJar(), dir,
                        options.collectorHeap(), options.collectorJvmArgs(), root.resolve("collector-" + i + ".log"), args)));
            }
            List<FnlensClient> clients = collectors.stream().map(c -> new FnlensClient(c.otlp(), c.http())).toList();
            double cpu0 = cpu(collectors, cluster);
            long t0 = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            Senders.Result sent = Senders.run(data.fnlensFile(), options.senders(), 0, body -> {
                FnlensClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
                switch (body.kind()) {
                    case OTLP_TRACES -> client.traces(body.bytes());
                    case OTLP_LOGS -> client.logs(body.bytes());
                    case FIREHOSE -> client.firehose(body.bytes());
                    default -> throw new IOException("not an fnlens body: " + body.kind());
                }
            });
            double visible = Readback.await(clients.get(0)::count, sent.events(), t0);
            double cpu = cpu(collectors, cluster) - cpu0;
            List<QueryOutcome> queries = new ArrayList<>();
            long start = data.fromMillis() / 1000;
            long end = data.toMillis() / 1000 + 1;
            for (QueryCase c : cases) {
                try {
                    queries.add(QueryRunner.measure(options.warmup(), options.runs(),
                            () -> QueryBenchmark.askFnlens(clients.get(0), c, start, end), c.fnlensAnswer()));
                } catch (QueryRunner.Refused e) {
                    queries.add(QueryOutcome.unavailable("failed: " + e.getMessage()));
                }
            }
            return new Outcome(sent.events() / sent.seconds(), visible, cpu / (sent.events() / 1e6), queries);
        } finally {
            collectors.forEach(CollectorProcess::close);
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static double cpu(List<CollectorProcess> collectors, OpenSearchCluster cluster) {
        double cpu = collectors.stream().mapToDouble(c -> ProcessStats.cpuSeconds(c.pid())).sum();
        if (cluster != null) {
            cpu += cluster.nodes().stream().mapToDouble(n -> ProcessStats.cpuSeconds(n.pid())).sum();
        }
        return cpu;
    }

    static String report(BenchOptions options, PreparedData data, List<QueryCase> cases, Map<Setup, Outcome> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Scale: %,d events, batches of %,d events, %d senders spread over the"
                        + " collectors, heap %s per collector and per OpenSearch node; queries through the first collector,"
                        + " %d runs after %d warm-up runs, p50 / p95 ms.%n", data.events(), options.batch(),
                options.senders(), options.collectorHeap(), options.runs(), options.warmup()));
        md.append(Report.machine()).append("\n\n");
        md.append(Report.header(outcomes.keySet().stream().map(Setup::name).toList()));
        row(md, "events/s, acknowledged durable", outcomes, o -> String.format(Locale.ROOT, "%,.0f", o.eventsPerSecond()));
        row(md, "seconds until all searchable", outcomes, o -> String.format(Locale.ROOT, "%.1f", o.visibleSeconds()));
        row(md, "server CPU s per 1M events (collectors + OpenSearch)", outcomes,
                o -> String.format(Locale.ROOT, "%.1f", o.cpuPerMillion()));
        for (int i = 0; i < cases.size(); i++) {
            int q = i;
            row(md, cases.get(i).name(), outcomes, o -> {
                QueryOutcome r = o.queries().get(q);
                return r.latencies() == null ? r.unavailable() : String.format(Locale.ROOT, "%.1f / %.1f",
                        r.latencies().percentile(50), r.latencies().percentile(95));
            });
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Map<Setup, Outcome> outcomes,
                            java.util.function.Function<Outcome, String> value) {
        md.append("| ").append(name);
        outcomes.values().forEach(o -> md.append(" | ").append(value.apply(o)));
        md.append(" |\n");
    }
}
