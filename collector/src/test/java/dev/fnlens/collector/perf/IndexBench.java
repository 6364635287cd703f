package dev.fnlens.collector.perf;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.testdata.LambdaEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Indexing speed and disk use of the store alone (no HTTP, no WAL):
 * {@code IndexBench [events] [reports|mix] [batch]}. Prints events/s and bytes per event,
 * broken down by Lucene file type. Run from the collector's test classpath.
 */
public final class IndexBench {
    private IndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean reports = args.length > 1 && args[1].equals("reports");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        LambdaEvents gen = new LambdaEvents(42, Instant.parse("2026-01-02T00:00:00Z").toEpochMilli(), reports);
        List<List<LogEvent>> batches = new ArrayList<>();
        List<LogEvent> current = new ArrayList<>(batch);
        int total = 0;
        while (total < n) {
            for (LogEvent e : gen.nextInvocation()) {
                current.add(e);
                total++;
                if (current.size() == batch) {
                    batches.add(current);
                    current = new ArrayList<>(batch);
                }
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        Path dir = Files.createTempDirectory("collector-index-bench");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (LuceneStore store = LuceneStore.open(dir)) {
            long seq = 0;
            for (List<LogEvent> b : batches) {
                store.add(++seq, b);
            }
            store.commit(seq);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d events in %.1f s = %,.0f events/s; %.1f CPU s = %,.0f events per CPU second%n",
                    reports ? "REPORT only" : "mix", total, secs, total / secs, cpu, total / cpu);
            report(dir, total, "after commit");
        }
        deleteTree(dir);
    }

    static void report(Path dir, long events, String when) throws IOException {
        Map<String, Long> byExt = new TreeMap<>();
        long sum = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    String name = f.getFileName().toString();
                    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
                    long size = Files.size(f);
                    byExt.merge(ext, size, Long::sum);
                    sum += size;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        byExt.forEach((ext, size) -> {
            if (size * 100 / Math.max(1, events) > 0) {
                sb.append(String.format(Locale.ROOT, " %s=%.1f", ext, size / (double) events));
            }
        });
        System.out.printf(Locale.ROOT, "%s: %.1f MB, %.1f bytes/event;%s%n", when, sum / 1e6, sum / (double) events, sb);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
