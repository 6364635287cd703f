package dev.fnlens.bench.ingest;

import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.ProcessStats;
import dev.fnlens.bench.Report;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Durable ingest, fnlens against OpenSearch, one system at a time on the same machine with
 * the same prepared batches, batch size and number of senders. Leaves both data directories
 * filled for the query benchmark.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static List<IngestResult> run(BenchOptions options, OpenSearchNode.Config openSearch) throws Exception {
        PreparedData data = PreparedData.prepare(options.dataSetDir(), options.spec());
        List<IngestResult> results = new ArrayList<>();
        String load = "load average before: ";
        if (options.fnlens()) {
            load += "fnlens " + ProcessStats.loadAverage();
            results.add(FnlensIngest.run(options, data));
            if (options.openSearch()) {
                System.out.println(report(options, data, results, load)); // kept in the log should OpenSearch fail
            }
        }
        if (options.openSearch()) {
            load += (options.fnlens() ? ", " : "") + "OpenSearch " + ProcessStats.loadAverage();
            results.add(OpenSearchIngest.run(options, data, openSearch));
        }
        Report.write(options.work().resolve("ingest-results.md"), report(options, data, results, load));
        return results;
    }

    static String report(BenchOptions options, PreparedData data, List<IngestResult> results, String load) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Ingest: %,d events (%s%s), batches of %,d events, %d senders, heap %s.%n",
                data.events(), data.manifest().path("summary").path("eventsByKind"),
                data.spec().appLines() ? "" : ", platform lines only", options.batch(),
                options.senders(), options.collectorHeap()));
        md.append(Report.machine()).append("; ").append(load).append("\n\n");
        md.append(Report.header(results.stream().map(IngestResult::system).toList()));
        row(md, "events/s, acknowledged durable", results, r -> fmt("%,.0f", r.eventsPerSecond()));
        row(md, "time to last ack (s)", results, r -> fmt("%.1f", r.ackSeconds()));
        row(md, "time until all searchable (s)", results, r -> fmt("%.1f", r.visibleSeconds()));
        row(md, "server CPU seconds per 1M events", results, r -> fmt("%.1f", r.cpuSecondsPerMillion()));
        row(md, "client (senders) CPU seconds per 1M events", results,
                r -> fmt("%.1f", r.clientCpuSeconds() / (r.events() / 1e6)));
        row(md, "disk bytes per event, all files (after commit)", results, r -> fmt("%.1f", r.bytesPerEvent()));
        row(md, "disk bytes per event, Lucene index only", results,
                r -> fmt("%.1f", (double) r.indexBytes() / r.events()));
        long invocations = data.manifest().path("summary").path("invocations").asLong();
        row(md, "Lucene index bytes per invocation (REPORT event)", results,
                r -> fmt("%.1f", (double) r.indexBytes() / invocations));
        row(md, "disk total (MB)", results, r -> fmt("%.1f", r.diskBytes() / 1e6));
        row(md, "of which Lucene index (MB)", results, r -> fmt("%.1f", r.indexBytes() / 1e6));
        row(md, "of which WAL / translog (MB)", results, r -> fmt("%.1f", r.logBytes() / 1e6));
        row(md, "heap used, peak of 1 s samples (MB)", results, r -> fmt("%.0f", r.heapPeakBytes() / 1e6));
        row(md, "heap used after ingest and a full GC (MB)", results,
                r -> r.heapAfterGcBytes() < 0 ? "n/a" : fmt("%.0f", r.heapAfterGcBytes() / 1e6));
        row(md, "requests / request MB", results, r -> fmt("%,d / %.0f", r.requests(), r.requestBytes() / 1e6));
        row(md, "notes", results, IngestResult::notes);
        if (results.size() == 2) {
            md.append(String.format(Locale.ROOT, "%nfnlens/OpenSearch throughput: %.2fx%n",
                    results.get(0).eventsPerSecond() / results.get(1).eventsPerSecond()));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, List<IngestResult> results,
                            java.util.function.Function<IngestResult, String> value) {
        md.append("| ").append(name);
        results.forEach(r -> md.append(" | ").append(value.apply(r)));
        md.append(" |\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
