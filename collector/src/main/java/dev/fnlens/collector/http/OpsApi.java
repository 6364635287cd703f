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

    /**
     * @param problem why the collector cannot store events right now, or null when healthy
     */
    public OpsApi(CollectorMetrics metrics, Supplier<String> problem) {
        this.metrics = metrics;
        this.problem = problem;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/healthz", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    }

    private void health(Context ctx) {
        String why = problem.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", why == null ? "ok" : "failing");
        if (why != null) {
            json.put("problem", why);
        }
        ctx.status(why == null ? 200 : 503).json(json);
    }
}
