package dev.fnlens.collector.http;

import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.search.FunctionStat;
import dev.fnlens.collector.search.InvalidQueryException;
import dev.fnlens.collector.search.QueryLimits;
import dev.fnlens.collector.search.SearchRequest;
import dev.fnlens.collector.search.SearchResult;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/search} (full text, newest first) and {@code GET /api/functions}.
 * Times in parameters are epoch seconds, as in CloudWatch's StartQuery; times in answers
 * are ISO-8601 UTC strings with milliseconds.
 */
public final class SearchApi {
    static final int DEFAULT_LIMIT = 100;
    static final long DEFAULT_RANGE_SECONDS = 3600;

    private final EventSearch search;
    private final CollectorMetrics metrics;
    private final QueryLimits limits;
    private final QueryGate gate;

    public SearchApi(EventSearch search, CollectorMetrics metrics) {
        this(search, metrics, QueryLimits.defaults(),
                new QueryGate(QueryLimits.DEFAULT_MAX_CONCURRENT, QueryGate.BY_REMOTE_ADDRESS));
    }

    /** @param gate caps the searches each caller runs at once */
    public SearchApi(EventSearch search, CollectorMetrics metrics, QueryLimits limits, QueryGate gate) {
        this.search = search;
        this.metrics = metrics;
        this.limits = limits;
        this.gate = gate;
    }

    /** For {@link TailApi}, which polls the same search. */
    EventSearch events() {
        return search;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/search", this::search);
        routes.get("/api/functions", this::functions);
    }

    private void search(Context ctx) throws IOException {
        long t0 = System.nanoTime();
        long nowSeconds = System.currentTimeMillis() / 1000;
        long end = longParam(ctx, "end", nowSeconds);
        long start = longParam(ctx, "start", end - DEFAULT_RANGE_SECONDS);
        if (start > end) {
            throw new ApiException(400, "bad_request", "start must not be after end");
        }
        int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, longParam(ctx, "limit", DEFAULT_LIMIT)));
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new ApiException(400, "bad_request", "limit must be between 1 and " + SearchRequest.MAX_LIMIT);
        }
        String q = ctx.queryParam("q");
        if (q != null && q.length() > limits.maxQueryChars()) {
            throw new ApiException(400, "query_too_long", "the query has " + q.length()
                    + " characters; the limit is " + limits.maxQueryChars() + " (max-query-chars)");
        }
        SearchResult result;
        try (QueryGate.Slot slot = gate.enter(ctx)) {
            result = search.search(new SearchRequest(q, Math.multiplyExact(start, 1000),
                    Math.multiplyExact(end, 1000) + 999, logGroups(ctx), limit));
        } catch (InvalidQueryException e) {
            throw new ApiException(400, "bad_query", e.getMessage());
        } catch (ArithmeticException e) {
            throw new ApiException(400, "bad_request", "start and end must be epoch seconds");
        }
        metrics.searched(Duration.ofNanos(System.nanoTime() - t0));
        ctx.contentType(ContentType.APPLICATION_JSON).result(AnswerJson.search(result));
    }

    private void functions(Context ctx) throws IOException {
        List<Map<String, Object>> functions = new ArrayList<>();
        for (FunctionStat f : search.functions()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("logGroup", f.logGroup());
            json.put("function", f.function());
            json.put("events", f.events());
            json.put("invocations", f.invocations());
            functions.add(json);
        }
        ctx.json(Map.of("functions", functions));
    }

    private static List<String> logGroups(Context ctx) {
        return ctx.queryParams("logGroup").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_request", name + " must be an integer, got '" + value + "'");
        }
    }
}
