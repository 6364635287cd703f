package dev.fnlens.agent.export;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The agent's private OpenTelemetry SDK: built in code (no autoconfigure, so the
 * function's own {@code OTEL_*} settings cannot redirect or disable it), never
 * registered as {@code GlobalOpenTelemetry} (the function may have its own), and
 * relocated by the shade plugin so it cannot clash with the function's OpenTelemetry.
 */
final class OtlpExport {
    /** Keeps the SDK's (relocated) JUL loggers quiet: on Lambda, stderr is the function's log. */
    private static java.util.logging.Logger sdkLogger;

    private final SdkTracerProvider tracerProvider;
    private final SdkLoggerProvider loggerProvider;
    private final SpanCollector spans;
    private final LogCollector logs;
    private final SpanExporter spanExporter;
    private final LogRecordExporter logExporter;

    private OtlpExport(SdkTracerProvider tracerProvider, SdkLoggerProvider loggerProvider, SpanCollector spans,
                       LogCollector logs, SpanExporter spanExporter, LogRecordExporter logExporter) {
        this.tracerProvider = tracerProvider;
        this.loggerProvider = loggerProvider;
        this.spans = spans;
        this.logs = logs;
        this.spanExporter = spanExporter;
        this.logExporter = logExporter;
    }

    static OtlpExport create(AgentConfig config, FunctionIdentity identity) {
        quietSdkLogging(config.debug());
        Duration timeout = Duration.ofMillis(config.exportTimeoutMs());
        OtlpHttpSpanExporterBuilder spanBuilder = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.tracesUrl())
                .setTimeout(timeout)
                .setConnectTimeout(timeout)
                .setRetryPolicy(null) // fail fast and drop: a retry would only hold the next batch back
                .setMeterProvider(MeterProvider.noop());
        OtlpHttpLogRecordExporterBuilder logBuilder = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(config.logsUrl())
                .setTimeout(timeout)
                .setConnectTimeout(timeout)
                .setRetryPolicy(null)
                .setMeterProvider(MeterProvider.noop());
        if (config.tracesUrl().startsWith("http://")) {
            // plain HTTP: spare the JDK HTTP client its default TLS context, which parses the whole CA store
            // (megabytes of allocation and resident memory in a function that never uses it)
            PlainHttpTls tls = PlainHttpTls.create();
            if (tls != null) {
                spanBuilder.setSslContext(tls.context(), tls.trustManager());
                logBuilder.setSslContext(tls.context(), tls.trustManager());
            }
        }
        if (config.token() != null) {
            spanBuilder.addHeader("Authorization", "Bearer " + config.token());
            logBuilder.addHeader("Authorization", "Bearer " + config.token());
        }
        SpanCollector spans = new SpanCollector();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(identity.toResource())
                .setSampler(Sampler.alwaysOn())
                .addSpanProcessor(spans)
                .build();
        LogCollector logs = new LogCollector();
        SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
                .setResource(identity.toResource())
                .addLogRecordProcessor(logs)
                .build();
        return new OtlpExport(tracerProvider, loggerProvider, spans, logs, spanBuilder.build(), logBuilder.build());
    }

    Tracer tracer() {
        return tracerProvider.get(FnlensAttributes.SCOPE_NAME);
    }

    Logger logger() {
        return loggerProvider.get(FnlensAttributes.SCOPE_NAME);
    }

    /** Sends the spans ended since the last call; null when there were none. */
    Sent exportSpans() {
        List<SpanData> ended = spans.drain();
        return ended.isEmpty() ? null : new Sent(spanExporter.export(ended), ended.size());
    }

    /** Sends the log records emitted since the last call; null when there were none. */
    Sent exportLogs() {
        List<LogRecordData> emitted = logs.drain();
        return emitted.isEmpty() ? null : new Sent(logExporter.export(emitted), emitted.size());
    }

    /** One export in flight: its result and how many items it carries. */
    record Sent(CompletableResultCode result, int items) {
    }

    void shutdown(long timeoutMs) {
        tracerProvider.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
        loggerProvider.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
        spanExporter.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
        logExporter.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static synchronized void quietSdkLogging(boolean debug) {
        if (sdkLogger != null) {
            return;
        }
        // the SDK's logger names are relocated with its classes: take the prefix from a class name
        String api = OpenTelemetry.class.getName();
        sdkLogger = java.util.logging.Logger.getLogger(api.substring(0, api.length() - ".api.OpenTelemetry".length()));
        sdkLogger.setLevel(debug ? Level.INFO : Level.OFF);
        AgentLog.debug("OpenTelemetry SDK logging under " + sdkLogger.getName());
    }

    /** Like {@link SpanCollector}, for log records. */
    private static final class LogCollector implements LogRecordProcessor {
        private final List<LogRecordData> emitted = new ArrayList<>();

        @Override
        public synchronized void onEmit(Context context, ReadWriteLogRecord logRecord) {
            emitted.add(logRecord.toLogRecordData());
        }

        synchronized List<LogRecordData> drain() {
            List<LogRecordData> records = new ArrayList<>(emitted);
            emitted.clear();
            return records;
        }
    }

    /** A TLS context that trusts nothing and loads no CA certificates: for exporters that only speak plain HTTP. */
    record PlainHttpTls(javax.net.ssl.SSLContext context, javax.net.ssl.X509TrustManager trustManager) {
        static PlainHttpTls create() {
            try {
                java.security.KeyStore empty = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
                empty.load(null, null);
                javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                factory.init(empty);
                javax.net.ssl.X509TrustManager trustManager = (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[] {trustManager}, null);
                return new PlainHttpTls(context, trustManager);
            } catch (Exception | LinkageError e) {
                AgentLog.debug("default TLS context kept", e);
                return null;
            }
        }
    }
}
