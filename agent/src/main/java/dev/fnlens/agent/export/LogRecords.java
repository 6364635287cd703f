package dev.fnlens.agent.export;

import dev.fnlens.agent.logs.LogEntry;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Captured log lines to OpenTelemetry log records, pointing at their invocation's span when it is known. */
final class LogRecords {
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey(FnlensAttributes.REQUEST_ID);
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey(FnlensAttributes.LOG_SOURCE);
    private static final AttributeKey<String> IOSTREAM = AttributeKey.stringKey(FnlensAttributes.LOG_IOSTREAM);
    private static final int RECENT_SPANS = 256;

    private final Logger logger;
    /** Request id to the span of a recently recorded invocation. */
    private final Map<String, SpanContext> recentSpans = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
            return size() > RECENT_SPANS;
        }
    };

    LogRecords(Logger logger) {
        this.logger = logger;
    }

    void spanRecorded(String requestId, SpanContext span) {
        if (requestId != null && span != null) {
            recentSpans.put(requestId, span);
        }
    }

    void record(LogEntry entry) {
        LogRecordBuilder builder = logger.logRecordBuilder()
                .setTimestamp(entry.epochNanos(), TimeUnit.NANOSECONDS)
                .setObservedTimestamp(entry.epochNanos(), TimeUnit.NANOSECONDS)
                .setSeverity(severity(entry.level()))
                .setSeverityText(entry.level())
                .setBody(entry.body())
                .setAttribute(SOURCE, entry.source());
        if (entry.requestId() != null) {
            builder.setAttribute(REQUEST_ID, entry.requestId());
            SpanContext span = recentSpans.get(entry.requestId());
            if (span != null) {
                builder.setContext(Context.root().with(Span.wrap(span)));
            }
        }
        if (entry.source().equals("stdout") || entry.source().equals("stderr")) {
            builder.setAttribute(IOSTREAM, entry.source());
        }
        builder.emit();
    }

    static Severity severity(String level) {
        switch (level) {
            case "TRACE": return Severity.TRACE;
            case "DEBUG": return Severity.DEBUG;
            case "WARN": return Severity.WARN;
            case "ERROR": return Severity.ERROR;
            case "FATAL": return Severity.FATAL;
            default: return Severity.INFO;
        }
    }
}
