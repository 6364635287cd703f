package dev.fnlens.bench.query;

import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.Http;
import dev.fnlens.bench.Report;
import dev.fnlens.bench.fnlens.CollectorProcess;
import dev.fnlens.bench.fnlens.FnlensClient;
import dev.fnlens.bench.ingest.PreparedData;
import dev.fnlens.bench.opensearch.OpenSearchIndex;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Query latency over the data the ingest benchmark left: each system started alone on its
 * data, checked to hold every event, then asked the same questions over the whole range.
 * OpenSearch's request cache is off, or repeated aggregations would be answered from it.
 */
public final class QueryBenchmark {
    /**
     * Warm-up runs per question (at most 20 s of them) unless {@code --warmup} says otherwise: both servers start
     * cold, and a collector or a node that has run for a while has compiled its search paths. After 100 runs
     * fnlens' searches were still about twice where they settle (6.3 against 3.0 ms), OpenSearch's 5.7 against 4.1;
     * after 400 fnlens' term search still measured 3.7 ms (p95 8.8) where 2,000 gave 2.2 (p95 3.3), same build.
     */
    static final int QUERY_WARMUP = 2_000;
    private static final String OPENSEARCH = "OpenSearch 2.19.1";

    private QueryBenchmark() {
    }

    public static void run(BenchOptions options, OpenSearchNode.Config openSearch) throws Exception {
        PreparedData data = PreparedData.load(options.dataSetDir());
        if (data == null) {
            throw new IOException("no data set in " + options.dataSetDir() + ": run the ingest benchmark first");
        }
        List<QueryCase> cases = QueryCase.standard();
        Map<String, List<QueryOutcome>> outcomes = new LinkedHashMap<>();
        if (options.fnlens()) {
            outcomes.put("fnlens", fnlens(options, data, cases));
        }
        if (options.openSearch()) {
            outcomes.put(OPENSEARCH, openSearch(options, data, cases, openSearch));
        }
        Report.write(options.work().resolve("query-results.md"), report(options, data, cases, outcomes));
    }

    private static List<QueryOutcome> fnlens(BenchOptions options, PreparedData data, List<QueryCase> cases)
            throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(new CollectorProcess.Config(options.fnlensJar(),
                options.fnlensDataDir(), options.collectorHeap(), options.collectorJvmArgs(),
                options.work().resolve("fnlens-collector.log")))) {
            FnlensClient client = new FnlensClient(collector.otlp(), collector.http());
            long start = data.fromMillis() / 1000;
            long end = data.toMillis() / 1000 + 1;
            expectAll("fnlens", client.count(), data.events());
            QueryRunner.warmClient(collector.http().resolve("/healthz"));
            List<QueryOutcome> out = new ArrayList<>();
            boolean queryApi = true;
            for (QueryCase c : cases) {
                System.out.println("fnlens: " + c.name());
                if (!c.isSearch() && !queryApi) {
                    out.add(QueryOutcome.unavailable("not available: POST /api/query answered 404"));
                    continue;
                }
                try {
                    out.add(QueryRunner.measure(options.warmup(QUERY_WARMUP), options.runs(),
                            () -> askFnlens(client, c, start, end), c.fnlensAnswer()));
                } catch (QueryRunner.Refused e) {
                    queryApi &= !(e.status == 404 && !c.isSearch());
                    out.add(QueryOutcome.unavailable(e.status == 404 ? "not available: POST /api/query answered 404"
                            : "failed: " + e.getMessage()));
                }
            }
            return out;
        }
    }

    private static List<QueryOutcome> openSearch(BenchOptions options, PreparedData data, List<QueryCase> cases,
                                                 OpenSearchNode.Config config) throws Exception {
        try (OpenSearchNode node = OpenSearchNode.start(config)) {
            OpenSearchIndex index = new OpenSearchIndex(node.uri(), "fnlens-bench");
            Http.expectJson("GET", node.uri().resolve("/_cluster/health/fnlens-bench?wait_for_status=green&timeout=60s"),
                    null);
            expectAll("OpenSearch", index.count(), data.events());
            // aggregations over segments in parallel, as fnlens scans big ones on two threads (off by default in 2.x)
            Http.expectJson("PUT", node.uri().resolve("/_cluster/settings"),
                    "{\"transient\": {\"search.concurrent_segment_search.mode\": \"auto\"}}");
            QueryRunner.warmClient(node.uri());
            List<QueryOutcome> out = new ArrayList<>();
            for (QueryCase c : cases) {
                if (c.openSearchDsl() == null) {
                    out.add(QueryOutcome.unavailable("not asked"));
                    continue;
                }
                System.out.println("opensearch: " + c.name());
                String body = c.openSearchBody(data.fromMillis(), data.toMillis());
                try {
                    out.add(QueryRunner.measure(options.warmup(QUERY_WARMUP), options.runs(), () -> index.search(body),
                            c.openSearchAnswer()));
                } catch (QueryRunner.Refused e) {
                    out.add(QueryOutcome.unavailable("failed: " + e.getMessage()));
                }
            }
            return out;
        }
    }

    /** Sends the queries at once, as the web UI does; the first one's answer, once every answer is in. */
    /** One question to fnlens: a search, an Insights query, or a page's queries at once (the last answer). */
    static Http.Response askFnlens(FnlensClient client, QueryCase c, long start, long end) throws IOException {
        return c.page() != null ? allAtOnce(client, c.page(), start, end)
                : c.isSearch() ? Http.get(client.searchUri(c.fnlensSearch(), start, end, 100))
                : Http.sendJson("POST", client.queryUri(), FnlensClient.queryBody(c.insights(), start, end, 10_000));
    }

    private static Http.Response allAtOnce(FnlensClient client, List<String> queries, long start, long end)
            throws IOException {
        List<java.util.concurrent.CompletableFuture<Http.Response>> answers = queries.stream()
                .map(q -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return Http.sendJson("POST", client.queryUri(), FnlensClient.queryBody(q, start, end, 10_000));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, PAGE_SENDERS)).toList();
        List<Http.Response> done = new ArrayList<>();
        for (var a : answers) {
            try {
                done.add(a.join());
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
            }
        }
        for (Http.Response r : done) {
            if (!r.ok()) {
                return r;
            }
        }
        return done.get(0);
    }

    private static final java.util.concurrent.ExecutorService PAGE_SENDERS =
            java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "functions-page");
                t.setDaemon(true);
                return t;
            });

    private static void expectAll(String system, long count, long expected) throws IOException {
        if (count != expected) {
            throw new IOException(system + " holds " + count + " events, the data set " + expected
                    + ": run the ingest benchmark again");
        }
    }

    static String report(BenchOptions options, PreparedData data, List<QueryCase> cases,
                         Map<String, List<QueryOutcome>> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT,
                "Queries over all %,d events (%d h), %d measured runs after %d warm-up runs, latency in ms at "
                        + "the client (HTTP over loopback).%n", data.events(), data.spec().hours(), options.runs(),
                options.warmup(QUERY_WARMUP)));
        md.append(Report.machine()).append("\n\n| query |");
        outcomes.keySet().forEach(s -> md.append(" ").append(s).append(" p50 | ").append(s).append(" p95 |"));
        outcomes.keySet().forEach(s -> md.append(" ").append(s).append(" answer |"));
        md.append("\n|---|").append("---:|".repeat(outcomes.size() * 2)).append("---|".repeat(outcomes.size()))
                .append("\n");
        for (int i = 0; i < cases.size(); i++) {
            md.append("| ").append(cases.get(i).name());
            for (List<QueryOutcome> o : outcomes.values()) {
                QueryOutcome q = o.get(i);
                md.append(q.latencies() == null ? " | – | –"
                        : String.format(Locale.ROOT, " | %.1f | %.1f", q.latencies().percentile(50),
                        q.latencies().percentile(95)));
            }
            for (List<QueryOutcome> o : outcomes.values()) {
                QueryOutcome q = o.get(i);
                md.append(" | ").append(q.unavailable() != null ? q.unavailable() : q.answer());
            }
            md.append(" |\n");
        }
        md.append("\nfnlens queries:\n\n");
        cases.forEach(c -> md.append("- ").append(c.name()).append(": `").append(c.fnlensText()).append("`\n"));
        return md.toString();
    }
}
