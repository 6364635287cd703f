package dev.fnlens.agent.export;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's private OpenTelemetry SDK: built in code (no autoconfigure, so the
 * function's own {@code OTEL_*} settings cannot redirect or disable it), never
 * registered as {@code GlobalOpenTelemetry} (the function may have its own), and
 * relocated by the shade plugin so it cannot clash with the function's OpenTelemetry.
 */
final class OtlpExport {
    /** Keeps the SDK's (relocated) JUL loggers quiet: on Lambda, stderr is the function's log. */
    private static Logger sdkLogger;

    private final SdkTracerProvider tracerProvider;
    private final SpanCollector collector;
    private final SpanExporter exporter;
    private final long exportTimeoutMs;

    private OtlpExport(SdkTracerProvider tracerProvider, SpanCollector collector, SpanExporter exporter,
                       long exportTimeoutMs) {
        this.tracerProvider = tracerProvider;
        this.collector = collector;
        this.exporter = exporter;
        this.exportTimeoutMs = exportTimeoutMs;
    }

    static OtlpExport create(AgentConfig config, FunctionIdentity identity) {
        quietSdkLogging(config.debug());
        Duration timeout = Duration.ofMillis(config.exportTimeoutMs());
        SpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.tracesUrl())
                .setTimeout(timeout)
                .setConnectTimeout(timeout)
                .setRetryPolicy(null) // fail fast and drop: a retry would only hold the next batch back
                .setMeterProvider(MeterProvider.noop())
                .build();
        SpanCollector collector = new SpanCollector();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(identity.toResource())
                .setSampler(Sampler.alwaysOn())
                .addSpanProcessor(collector)
                .build();
        return new OtlpExport(tracerProvider, collector, exporter, config.exportTimeoutMs());
    }

    Tracer tracer() {
        return tracerProvider.get(FnlensAttributes.SCOPE_NAME);
    }

    /** Sends the spans ended since the last call; returns how many, negated when the export failed. */
    int exportEnded() {
        List<SpanData> spans = collector.drain();
        if (spans.isEmpty()) {
            return 0;
        }
        CompletableResultCode result = exporter.export(spans);
        // the sender's own timeout ends the request; the margin only guards against a lost callback
        result.join(exportTimeoutMs + 500, TimeUnit.MILLISECONDS);
        return result.isSuccess() ? spans.size() : -spans.size();
    }

    void shutdown(long timeoutMs) {
        tracerProvider.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
        exporter.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static synchronized void quietSdkLogging(boolean debug) {
        if (sdkLogger != null) {
            return;
        }
        // the SDK's logger names are relocated with its classes: take the prefix from a class name
        String api = OpenTelemetry.class.getName();
        sdkLogger = Logger.getLogger(api.substring(0, api.length() - ".api.OpenTelemetry".length()));
        sdkLogger.setLevel(debug ? Level.INFO : Level.OFF);
        AgentLog.debug("OpenTelemetry SDK logging under " + sdkLogger.getName());
    }
}
