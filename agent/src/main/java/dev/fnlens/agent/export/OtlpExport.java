package dev.fnlens.agent.export;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.http.HttpPoster;
import dev.fnlens.agent.otlp.LogBatch;
import dev.fnlens.agent.otlp.OtlpBatch;
import dev.fnlens.agent.otlp.OtlpResource;
import dev.fnlens.agent.otlp.ProtoWriter;
import dev.fnlens.agent.otlp.SpanBatch;
import dev.fnlens.semconv.FnlensAttributes;
import java.io.IOException;
import java.net.URI;

/**
 * The agent's OTLP/HTTP exporter: one reusable request per kind (spans, log records), encoded by hand, and
 * one HTTP client with one kept-alive connection. Built in code from the agent's own configuration only, so
 * the function's {@code OTEL_*} settings cannot redirect or disable it. No retries: a failed export is
 * counted as lost (a retry would only hold the next batch back).
 */
final class OtlpExport {
    final SpanBatch spans;
    final LogBatch logs;
    private final HttpPoster http;
    private final String tracesPath;
    private final String logsPath;

    private OtlpExport(OtlpResource resource, HttpPoster http, String tracesPath, String logsPath) {
        this.spans = new SpanBatch(resource);
        this.logs = new LogBatch(resource);
        this.http = http;
        this.tracesPath = tracesPath;
        this.logsPath = logsPath;
    }

    static OtlpExport create(AgentConfig config, FunctionIdentity identity) {
        URI traces = URI.create(config.tracesUrl());
        URI logs = URI.create(config.logsUrl());
        HttpPoster http = new HttpPoster(traces, config.token() != null ? "Bearer " + config.token() : null,
                config.gzip(), config.exportTimeoutMs());
        return new OtlpExport(new OtlpResource(identity.resourceAttributes(), FnlensAttributes.SCOPE_NAME), http,
                pathOf(traces), pathOf(logs));
    }

    /** Posts the batch's request (on the export thread) and empties the batch; true when the collector took it. */
    boolean post(OtlpBatch batch) {
        String path = batch == spans ? tracesPath : logsPath;
        try {
            ProtoWriter request = batch.finish();
            int status = http.post(path, request.buffer(), request.size());
            if (status >= 200 && status < 300) {
                return true;
            }
            AgentLog.debug("collector answered " + status + " to " + path);
            return false;
        } catch (IOException | RuntimeException e) {
            AgentLog.debug("export to " + path + " failed", e);
            return false;
        } finally {
            batch.reset();
        }
    }

    void close() {
        http.close();
    }

    private static String pathOf(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
