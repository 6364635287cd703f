package dev.fnlens.collector.http;

import dev.fnlens.collector.metrics.CollectorMetrics;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /healthz} and {@code GET /metrics} (Prometheus text format). */
public final class OpsApi {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final CollectorMetrics metrics;
    private final Supplier<String> problem;
    private final Supplier<String> degraded;

    /**
     * @param problem why the collector cannot store events right now, or null when healthy
     */
    public OpsApi(CollectorMetrics metrics, Supplier<String> problem) {
        this(metrics, problem, () -> null);
    }

    /**
     * @param degraded why the collector works but not fully (OpenSearch not taking events: they wait in the
     *                 write-ahead log), or null; answered with 200, so a load balancer keeps sending ingest here
     */
    public OpsApi(CollectorMetrics metrics, Supplier<String> problem, Supplier<String> degraded) {
        this.metrics = metrics;
        this.problem = problem;
        this.degraded = degraded;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/healthz", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    }

    private void health(Context ctx) {
        String why = problem.get();
        String partly = why == null ? degraded.get() : null;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", why != null ? "failing" : partly != null ? "degraded" : "ok");
        if (why != null || partly != null) {
            json.put("problem", why != null ? why : partly);
        }
        ctx.status(why == null ? 200 : 503).json(json);
    }
}
