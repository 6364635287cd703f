package dev.fnlens.bench.ingest;

import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.ProcessStats;
import dev.fnlens.bench.opensearch.OpenSearchIndex;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import java.io.IOException;
import java.util.Locale;

/** Durable ingest into a fresh OpenSearch node: {@code _bulk}, translog fsynced per request. */
final class OpenSearchIngest {
    static final String INDEX = "fnlens-bench";

    private OpenSearchIngest() {
    }

    static IngestResult run(BenchOptions options, PreparedData data, OpenSearchNode.Config config) throws Exception {
        DataDirs.delete(config.dataDir());
        try (OpenSearchNode node = OpenSearchNode.start(config)) {
            OpenSearchIndex index = new OpenSearchIndex(node.uri(), INDEX);
            index.recreate();
            System.out.printf("opensearch: node pid %d, ingesting %,d events…%n", node.pid(), data.events());
            double cpu0 = ProcessStats.cpuSeconds(node.pid());
            double client0 = ProcessStats.selfCpuSeconds();
            long t0 = System.nanoTime();
            try (HeapSampler heap = new HeapSampler(index::heapUsedBytes)) {
                VisibilityProbe probe = options.probeVisibility()
                        ? new VisibilityProbe(VisibilityProbe.of(index), (data.fromMillis() + data.toMillis()) / 2) : null;
                Senders.Result sent;
                try (probe) {
                    sent = Senders.run(data.openSearchFile(), options.senders(), options.rate(), body -> {
                        if (body.kind() != Batch.Kind.OPENSEARCH_BULK) {
                            throw new IOException("not a bulk body: " + body.kind());
                        }
                        index.bulk(body.bytes());
                    });
                }
                double visible = Readback.await(index::count, sent.events() + (probe == null ? 0 : probe.sent()), t0);
                double cpu = ProcessStats.cpuSeconds(node.pid()) - cpu0;
                double clientCpu = ProcessStats.selfCpuSeconds() - client0;
                long heapPeak = heap.peak();
                heap.close();
                long heapAfter = ProcessStats.fullGc(node.pid(), config.user()) ? index.heapUsedBytes() : -1;
                index.flush(); // commit segments, trim the translog: the state after a durable commit
                long store = index.storeBytes();
                long disk = ProcessStats.directoryBytes(config.dataDir());
                long translog = ProcessStats.directoryBytes(translogDir(config));
                String notes = String.format(Locale.ROOT, "%d segments after flush", index.segmentCount())
                        + (probe == null ? "" : "; " + probe.summary());
                return new IngestResult("OpenSearch 2.19.1", sent.events(), sent.requests(), sent.bytes(),
                        sent.seconds(), visible, cpu, clientCpu, heapPeak, heapAfter, disk, store, translog, notes);
            }
        }
    }

    private static java.nio.file.Path translogDir(OpenSearchNode.Config config) throws IOException {
        // <data>/nodes/0/indices/<uuid>/0/translog
        try (var paths = java.nio.file.Files.find(config.dataDir(), 8,
                (p, a) -> a.isDirectory() && p.getFileName().toString().equals("translog"))) {
            return paths.findFirst().orElse(config.dataDir().resolve("no-translog"));
        }
    }
}
