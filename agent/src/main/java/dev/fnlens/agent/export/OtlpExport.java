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
 * one kept-alive connection per kind, so that a span and a log export can be with the collector at the same
 * time (it acknowledges after an fsync: two in a row would cost two). Built in code from the agent's own configuration only, so
 * the function's {@code OTEL_*} settings cannot redirect or disable it. No retries: a failed export is
 * counted as lost (a retry would only hold the next batch back).
 */
final class OtlpExport {
    final SpanBatch spans;
    final LogBatch logs;
    private final HttpPoster tracesHttp;
    private final HttpPoster logsHttp;
    private final String tracesPath;
    private final String logsPath;

    private OtlpExport(OtlpResource resource, HttpPoster tracesHttp, HttpPoster logsHttp, String tracesPath,
                       String logsPath) {
        this.spans = new SpanBatch(resource);
        this.logs = new LogBatch(resource);
        this.tracesHttp = tracesHttp;
        this.logsHttp = logsHttp;
        this.tracesPath = tracesPath;
        this.logsPath = logsPath;
    }

    static OtlpExport create(AgentConfig config, FunctionIdentity identity) {
        URI traces = URI.create(config.tracesUrl());
        URI logs = URI.create(config.logsUrl());
        String authorization = config.token() != null ? "Bearer " + config.token() : null;
        return new OtlpExport(new OtlpResource(identity.resourceAttributes(), FnlensAttributes.SCOPE_NAME),
                new HttpPoster(traces, authorization, config.gzip(), config.exportTimeoutMs()),
                new HttpPoster(logs, authorization, config.gzip(), config.exportTimeoutMs()),
                pathOf(traces), pathOf(logs));
    }

    /** Posts the batch's request and empties the batch; true when the collector took it. */
    boolean post(OtlpBatch batch) {
        return send(batch) && receive(batch);
    }

    /** Sends the batch's request (on the export thread); false when that failed already. */
    boolean send(OtlpBatch batch) {
        try {
            ProtoWriter request = batch.finish();
            http(batch).send(path(batch), request.buffer(), request.size());
            return true;
        } catch (IOException | RuntimeException e) {
            AgentLog.debug("export to " + path(batch) + " failed", e);
            batch.reset();
            return false;
        }
    }

    /** Reads the answer to {@link #send}, then empties the batch; true when the collector took it. */
    boolean receive(OtlpBatch batch) {
        try {
            int status = http(batch).receive();
            if (status >= 200 && status < 300) {
                return true;
            }
            AgentLog.debug("collector answered " + status + " to " + path(batch));
            return false;
        } catch (IOException | RuntimeException e) {
            AgentLog.debug("export to " + path(batch) + " failed", e);
            return false;
        } finally {
            batch.reset();
        }
    }

    private HttpPoster http(OtlpBatch batch) {
        return batch == spans ? tracesHttp : logsHttp;
    }

    private String path(OtlpBatch batch) {
        return batch == spans ? tracesPath : logsPath;
    }

    void close() {
        tracesHttp.close();
        logsHttp.close();
    }

    private static String pathOf(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
