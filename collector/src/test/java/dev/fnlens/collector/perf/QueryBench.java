package dev.fnlens.collector.perf;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryAnswer;
import dev.fnlens.collector.query.QueryRequest;
import dev.fnlens.collector.query.LuceneQueries;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.testdata.LambdaEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Insights query latency over the store: {@code QueryBench [events]} indexes generated
 * Lambda events (one day), then runs each query a few times and prints the median.
 */
public final class QueryBench {
    private static final List<String> QUERIES = List.of(
            "stats count(*) by bin(5m)",
            "filter @type = \"REPORT\" | stats avg(@duration), max(@duration), min(@duration) by bin(5m)",
            "filter @type = \"REPORT\" | stats pct(@duration, 99) by @log",
            "filter @type = \"REPORT\" and ispresent(@initDuration) | stats count() as cold by bin(5m)",
            "filter @type = \"REPORT\" | fields @requestId, @duration | sort @duration desc | limit 100",
            "filter @message like \"cart updated\" | stats count()",
            "filter @message like /Task timed out/ | stats count() by bin(30m)",
            "fields @timestamp, @message | sort @timestamp desc | limit 100",
            "sort @timestamp desc | limit 100",
            "sort @timestamp desc | fields @timestamp, @message | limit 100");

    private QueryBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        List<String> queries = args.length > 1 ? List.of(args).subList(1, args.length) : QUERIES;
        long start = Instant.parse("2026-01-02T00:00:00Z").toEpochMilli();
        LambdaEvents gen = new LambdaEvents(42, start);
        Path dir = Files.createTempDirectory("collector-query-bench");
        try (LuceneStore store = LuceneStore.open(dir)) {
            long seq = 0;
            int total = 0;
            List<LogEvent> batch = new ArrayList<>();
            while (total < n) {
                for (LogEvent e : gen.nextInvocation()) {
                    batch.add(e);
                    total++;
                }
                if (batch.size() >= 1000) {
                    store.add(++seq, batch);
                    batch = new ArrayList<>();
                }
            }
            store.add(++seq, batch);
            store.commit(seq);
            QueryService service = new QueryService(new LuceneQueries(store), Duration.ofSeconds(60));
            long from = start / 1000;
            long to = from + 86_399;
            System.out.printf(Locale.ROOT, "%,d events, one day%n", total);
            for (String q : queries) {
                long[] ms = new long[5];
                QueryAnswer answer = null;
                for (int i = 0; i < ms.length; i++) {
                    long t0 = System.nanoTime();
                    answer = service.run(new QueryRequest(q, from, to, List.of(), null), () -> false);
                    ms[i] = (System.nanoTime() - t0) / 1_000_000;
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "%6d ms  %,11d scanned  %s%n", ms[2],
                        answer.result().statistics().recordsScanned(), q);
            }
        }
        IndexBench.deleteTree(dir);
    }
}
