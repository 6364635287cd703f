package dev.fnlens.bench.ingest;

import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.ProcessStats;
import dev.fnlens.bench.fnlens.CollectorProcess;
import dev.fnlens.bench.fnlens.FnlensClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Durable ingest into a fresh fnlens collector JVM: OTLP/HTTP protobuf, 200 after fsync. */
final class FnlensIngest {
    private FnlensIngest() {
    }

    static IngestResult run(BenchOptions options, PreparedData data) throws Exception {
        Path dir = options.fnlensDataDir();
        DataDirs.delete(dir);
        Files.createDirectories(dir);
        Path log = options.work().resolve("fnlens-collector.log");
        try (CollectorProcess collector = CollectorProcess.start(new CollectorProcess.Config(
                options.fnlensJar(), dir, options.collectorHeap(), options.collectorJvmArgs(), log))) {
            FnlensClient client = new FnlensClient(collector.otlp(), collector.http());
            System.out.printf("fnlens: collector pid %d, ingesting %,d events…%n", collector.pid(), data.events());
            double cpu0 = ProcessStats.cpuSeconds(collector.pid());
            double client0 = ProcessStats.selfCpuSeconds();
            long t0 = System.nanoTime();
            Senders.Result sent;
            try (HeapSampler heap = new HeapSampler(client::heapUsedBytes)) {
                VisibilityProbe probe = options.probeVisibility()
                        ? new VisibilityProbe(VisibilityProbe.of(client), (data.fromMillis() + data.toMillis()) / 2) : null;
                try (probe) {
                    sent = Senders.run(data.fnlensFile(), options.senders(), options.rate(), body -> {
                        switch (body.kind()) {
                            case OTLP_TRACES -> client.traces(body.bytes());
                            case OTLP_LOGS -> client.logs(body.bytes());
                            case FIREHOSE -> client.firehose(body.bytes());
                            default -> throw new IOException("not an fnlens body: " + body.kind());
                        }
                    });
                }
                String probed = probe == null ? "" : "; " + probe.summary();
                double visible = Readback.await(client::count, sent.events() + (probe == null ? 0 : probe.sent()), t0);
                double cpu = ProcessStats.cpuSeconds(collector.pid()) - cpu0;
                double clientCpu = ProcessStats.selfCpuSeconds() - client0;
                long heapPeak = heap.peak();
                heap.close();
                long heapAfter = ProcessStats.fullGc(collector.pid(), null) ? client.heapUsedBytes() : -1;
                FnlensClient.Metrics metrics = client.metrics();
                String notes = walNotes(metrics) + indexNotes(metrics) + probed;
                collector.close(); // SIGTERM: drains the indexer and commits every day index
                long index = ProcessStats.directoryBytes(dir.resolve("index"));
                long wal = ProcessStats.directoryBytes(dir.resolve("wal"));
                return new IngestResult("fnlens", sent.events(), sent.requests(), sent.bytes(), sent.seconds(),
                        visible, cpu, clientCpu, heapPeak, heapAfter, ProcessStats.directoryBytes(dir), index, wal, notes);
            }
        }
    }

    /**
     * How long the index's refreshes (what a search waits for), commits, pauses of indexing and indexing threads'
     * waits for refreshes took: p50, p99 and max of the collector's last minutes, as its metrics give them.
     */
    private static String indexNotes(FnlensClient.Metrics metrics) {
        StringBuilder notes = new StringBuilder();
        for (String[] timer : new String[][] {{"refreshes", "fnlens_index_refresh_seconds"},
                {"commits", "fnlens_index_commit_seconds"}, {"indexing pauses", "fnlens_index_commit_pause_seconds"},
                {"waits of indexing threads for refreshes", "fnlens_index_give_way_seconds"}}) {
            double count = metrics.value(timer[1] + "_count", null);
            if (count > 0) {
                notes.append(String.format(Locale.ROOT, "; %,.0f %s, p50 %.0f ms, p99 %.0f ms, max %.0f ms", count,
                        timer[0], 1000 * metrics.value(timer[1], "quantile=\"0.5\""),
                        1000 * metrics.value(timer[1], "quantile=\"0.99\""),
                        1000 * metrics.value(timer[1] + "_max", null)));
            }
        }
        return notes.toString();
    }

    /** How group commit behaved: fsyncs, their mean time, and records made durable per fsync. */
    private static String walNotes(FnlensClient.Metrics metrics) {
        double fsyncs = metrics.value("fnlens_wal_fsync_seconds_count", null);
        double fsyncSeconds = metrics.value("fnlens_wal_fsync_seconds_sum", null);
        double records = metrics.value("fnlens_wal_group_commit_records_sum", null);
        return String.format(Locale.ROOT, "%,.0f fsyncs, mean %.1f ms, %.1f requests per fsync",
                fsyncs, fsyncs == 0 ? 0 : 1000 * fsyncSeconds / fsyncs, fsyncs == 0 ? 0 : records / fsyncs);
    }
}
