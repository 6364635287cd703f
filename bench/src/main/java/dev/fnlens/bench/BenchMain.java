package dev.fnlens.bench;

import dev.fnlens.bench.ingest.IngestBenchmark;
import dev.fnlens.bench.query.AlertLoadBenchmark;
import dev.fnlens.bench.query.QueryBenchmark;
import dev.fnlens.bench.query.ScaleBenchmark;
import dev.fnlens.bench.ui.FunctionsPageBenchmark;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * {@code java -jar bench/target/fnlens-bench.jar <ingest|query|all|alerts|ui> [options]}: fnlens
 * against OpenSearch in the same run, and user queries with and without alert rules (docs/benchmarks.md). Servers started here are stopped
 * on exit, Ctrl-C included.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !Arrays.asList("ingest", "query", "all", "alerts", "ui", "scale").contains(args[0])) {
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.fnlens() && !Files.isRegularFile(options.fnlensJar())) {
            System.err.println("no fnlens jar at " + options.fnlensJar() + ": build it (mvn -B -q install -DskipTests)"
                    + " or pass --fnlens-jar");
            System.exit(2);
        }
        Files.createDirectories(options.work());
        if (args[0].equals("ui")) { // needs Playwright on the class path: docs/benchmarks.md
            FunctionsPageBenchmark.run(options);
            return;
        }
        if (args[0].equals("scale")) {
            ScaleBenchmark.run(options);
            return;
        }
        if (args[0].equals("alerts")) {
            AlertLoadBenchmark.run(options, options.rules(), options.every());
            return;
        }
        OpenSearchNode.Config openSearch = OpenSearchNode.Config.of(options.openSearchZip(), options.work())
                .withHeap(options.openSearchHeap())
                .withSetting("cluster.name", "fnlens-bench");
        if (!args[0].equals("query")) {
            IngestBenchmark.run(options, openSearch);
        }
        if (!args[0].equals("ingest")) {
            QueryBenchmark.run(options, openSearch);
        }
    }
}
