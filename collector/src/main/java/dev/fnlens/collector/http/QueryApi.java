package dev.fnlens.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.query.QueryAnswer;
import dev.fnlens.collector.query.QueryMemoryException;
import dev.fnlens.collector.query.QueryRequest;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.search.QueryLimits;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QuerySyntaxException;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /api/query}: a Logs Insights query, answered in the shape of CloudWatch's
 * GetQueryResults; {@code GET /api/invocations/{requestId}}: every event of one invocation.
 * At most {@value #MAX_CONCURRENT} queries run at once, each under the collector's query
 * timeout, so that queries cannot take the CPU that ingest needs; one caller may run only
 * as many as its {@link QueryGate} allows (429 beyond), so one caller cannot take all of them.
 */
public final class QueryApi {
    static final int MAX_CONCURRENT = 4;
    static final long DEFAULT_RANGE_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueryService queries;
    private final CollectorMetrics metrics;
    private final BooleanSupplier closing;
    private final Semaphore running = new Semaphore(MAX_CONCURRENT);
    private final QueryLimits limits;
    private final QueryGate perCaller;

    /**
     * @param closing true once the collector is stopping: running queries end as Cancelled
     */
    public QueryApi(QueryService queries, CollectorMetrics metrics, BooleanSupplier closing) {
        this(queries, metrics, closing, QueryLimits.defaults(),
                new QueryGate(QueryLimits.DEFAULT_MAX_CONCURRENT, QueryGate.BY_REMOTE_ADDRESS));
    }

    /** @param perCaller caps the queries (and searches, if shared) each caller runs at once */
    public QueryApi(QueryService queries, CollectorMetrics metrics, BooleanSupplier closing, QueryLimits limits,
                    QueryGate perCaller) {
        this.queries = queries;
        this.metrics = metrics;
        this.closing = closing;
        this.limits = limits;
        this.perCaller = perCaller;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/query", this::query);
        routes.get("/api/invocations/{requestId}", this::invocation);
    }

    private void query(Context ctx) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        QueryRequest request = request(ctx.body());
        if (request.query().length() > limits.maxQueryChars()) {
            throw new ApiException(400, "query_too_long", "the query has " + request.query().length()
                    + " characters; the limit is " + limits.maxQueryChars() + " (max-query-chars)");
        }
        QueryAnswer answer;
        try (QueryGate.Slot slot = perCaller.enter(ctx)) {
            answer = runBounded(request, ctx, t0);
        }
        if (answer == null) {
            return; // answered 400 with the syntax error
        }
        QueryResult result = answer.result();
        metrics.queried(Duration.ofNanos(System.nanoTime() - t0), result.status().name());
        ctx.contentType(ContentType.APPLICATION_JSON).result(AnswerJson.query(result));
    }

    private QueryAnswer runBounded(QueryRequest request, Context ctx, long t0) throws IOException, InterruptedException {
        if (!running.tryAcquire(queries.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            ctx.header("Retry-After", "5");
            throw new ApiException(503, "busy", MAX_CONCURRENT + " queries are running, retry later");
        }
        try {
            return queries.run(request, closing);
        } catch (QuerySyntaxException e) {
            metrics.queried(Duration.ofNanos(System.nanoTime() - t0), "Failed");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("error", "query_syntax");
            json.put("message", e.getMessage());
            json.put("line", e.line());
            json.put("column", e.column());
            ctx.status(400).json(json);
            return null;
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", e.getMessage());
        } catch (QueryMemoryException e) {
            metrics.queried(Duration.ofNanos(System.nanoTime() - t0), "Failed");
            throw new ApiException(503, "query_out_of_memory", e.getMessage());
        } finally {
            running.release();
        }
    }

    private static QueryRequest request(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "bad_request", "the body must be JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new ApiException(400, "bad_request",
                    "the body must be a JSON object {\"query\", \"startTime\", \"endTime\", \"logGroupNames\", \"limit\"}");
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual()) {
            throw new ApiException(400, "bad_request", "\"query\" must be a string");
        }
        long end = seconds(json, "endTime", System.currentTimeMillis() / 1000);
        long start = seconds(json, "startTime", end - DEFAULT_RANGE_SECONDS);
        List<String> groups = new ArrayList<>();
        JsonNode names = json.get("logGroupNames");
        if (names != null && !names.isNull()) {
            if (!names.isArray()) {
                throw new ApiException(400, "bad_request", "\"logGroupNames\" must be a list of log group names");
            }
            for (JsonNode n : names) {
                if (!n.isTextual()) {
                    throw new ApiException(400, "bad_request", "\"logGroupNames\" must be a list of log group names");
                }
                groups.add(n.asText());
            }
        }
        Integer limit = null;
        JsonNode l = json.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt()) {
                throw new ApiException(400, "bad_request", "\"limit\" must be a whole number from 1 to 10000");
            }
            limit = l.asInt();
        }
        return new QueryRequest(query.asText(), start, end, groups, limit);
    }

    private static long seconds(JsonNode json, String name, long fallback) {
        JsonNode v = json.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ApiException(400, "bad_request", "\"" + name + "\" must be epoch seconds (a whole number)");
        }
        return v.asLong();
    }

    private void invocation(Context ctx) throws IOException {
        String requestId = ctx.pathParam("requestId");
        List<LogEvent> events = queries.invocation(requestId);
        if (events.isEmpty()) {
            throw new ApiException(404, "not_found", "no events with request id '" + requestId + "'");
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(AnswerJson.invocation(requestId, events));
    }
}
