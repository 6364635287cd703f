package dev.fnlens.bench;

import dev.fnlens.bench.data.DataSetSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options shared by the benchmarks, with the defaults documented in
 * docs/benchmarks.md. Paths default to the repository layout (run from its root).
 */
public record BenchOptions(Path work, Path fnlensJar, Path openSearchZip, long events, int hours, long seed,
                           int batch, int senders, String collectorHeap, String openSearchHeap,
                           List<String> collectorJvmArgs, int runs, int warmupGiven, boolean fnlens,
                           boolean openSearch, boolean appLines, java.util.Set<String> kinds, int rules,
                           String every, boolean probeVisibility, long rate) {

    /** The warm-up runs asked for, or this benchmark's default. */
    public int warmup(int byDefault) {
        return warmupGiven >= 0 ? warmupGiven : byDefault;
    }

    /** The warm-up runs asked for, or 3. */
    public int warmup() {
        return warmup(3);
    }

    public static final String USAGE = """
            usage: java -jar bench/target/fnlens-bench.jar <ingest|query|all|alerts|ui|scale> [options]
              --events N            log events to generate (default 1000000)
              --hours N             spread over the last N hours (default 6)
              --seed N              random seed (default 1)
              --batch N             events per request group (default 5000)
              --senders N           concurrent senders (default 2)
              --work DIR            data sets, server data and results (default bench/target/work)
              --fnlens-jar FILE     default src/target/fnlens.jar
              --opensearch-zip FILE default bench/target/opensearch/opensearch-2.19.1.zip
              --heap SIZE           heap of both servers (default 1g)
              --collector-jvm-opts "..."  more JVM options for the collector, e.g. a JFR recording
              --runs N / --warmup N query repetitions measured / discarded (default 20 / 400 for query,
                                    20 / 3 for alerts, scale and ui)
              --only fnlens|opensearch    run one system
              --app-lines false     only platform lines (START/END/REPORT, errors, timeouts)
              --kinds REPORT[,..]   keep only these kinds of the generated events (START END REPORT APP
                                    ERROR TIMEOUT); fnlens then gets them through /cloudwatch/firehose
              --rules N / --every D alerts: rules evaluated while users query (default 200 / 10s)
              --probe true          ingest: also measure how soon an acknowledged line is searchable, by a
                                    line a second searched for every 10 ms (searching makes the collector
                                    refresh more often: not for the throughput figures)
              --rate N              ingest: send at most N events a second (default 0: as fast as acknowledged)
            scale: the embedded store, then OpenSearch with 1 and 2 collectors on 1- and 2-node clusters
            ui (the Functions page in chromium) needs Playwright on the class path:
              java -cp "bench/target/fnlens-bench.jar:$(cat bench/target/playwright.classpath)" \\
                   dev.fnlens.bench.BenchMain ui [--runs N] [--warmup N] [--work DIR]
            """;

    public static BenchOptions parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, found '" + args[i] + "'\n" + USAGE);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        String heap = o.getOrDefault("heap", "1g");
        String only = o.getOrDefault("only", "both");
        if (!List.of("both", "fnlens", "opensearch").contains(only)) {
            throw new IllegalArgumentException("--only takes fnlens or opensearch");
        }
        List<String> jvm = new ArrayList<>();
        if (o.containsKey("collector-jvm-opts")) {
            jvm.addAll(Arrays.asList(o.get("collector-jvm-opts").trim().split("\\s+")));
        }
        BenchOptions options = new BenchOptions(
                Path.of(o.getOrDefault("work", "bench/target/work")).toAbsolutePath(),
                Path.of(o.getOrDefault("fnlens-jar", "src/target/fnlens.jar")).toAbsolutePath(),
                Path.of(o.getOrDefault("opensearch-zip", "bench/target/opensearch/opensearch-2.19.1.zip"))
                        .toAbsolutePath(),
                Long.parseLong(o.getOrDefault("events", "1000000")),
                Integer.parseInt(o.getOrDefault("hours", "6")),
                Long.parseLong(o.getOrDefault("seed", "1")),
                Integer.parseInt(o.getOrDefault("batch", "5000")),
                Integer.parseInt(o.getOrDefault("senders", "2")),
                heap, heap, jvm,
                Integer.parseInt(o.getOrDefault("runs", "20")),
                Integer.parseInt(o.getOrDefault("warmup", "-1")),
                !only.equals("opensearch"), !only.equals("fnlens"),
                Boolean.parseBoolean(o.getOrDefault("app-lines", "true")),
                o.containsKey("kinds") ? java.util.Set.of(o.get("kinds").split(",")) : java.util.Set.of(),
                Integer.parseInt(o.getOrDefault("rules", "200")), o.getOrDefault("every", "10s"),
                Boolean.parseBoolean(o.getOrDefault("probe", "false")),
                Long.parseLong(o.getOrDefault("rate", "0")));
        o.keySet().removeAll(List.of("work", "fnlens-jar", "opensearch-zip", "events", "hours", "seed", "batch",
                "senders", "heap", "collector-jvm-opts", "runs", "warmup", "only", "app-lines", "kinds", "rules",
                "every", "probe", "rate"));
        if (!o.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + o.keySet() + "\n" + USAGE);
        }
        return options;
    }

    /** The data set: ends at the current minute, so it sits inside the collector's 14-day window. */
    public DataSetSpec spec() {
        long end = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        return new DataSetSpec(seed, events, hours, end, batch, appLines, kinds);
    }

    public Path dataSetDir() {
        return work.resolve("dataset");
    }

    public Path fnlensDataDir() {
        return work.resolve("fnlens-data");
    }
}
