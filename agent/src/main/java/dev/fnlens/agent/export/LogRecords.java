package dev.fnlens.agent.export;

import dev.fnlens.agent.logs.LogEntry;
import dev.fnlens.agent.otlp.LogBatch;
import dev.fnlens.agent.trace.SpanContext;
import dev.fnlens.semconv.FnlensAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Captured log lines to OTLP log records, pointing at their invocation's span when it is known. */
final class LogRecords {
    private static final int RECENT_SPANS = 256;

    /** Request id to the span of a recently recorded invocation. */
    private final Map<String, SpanContext> recentSpans = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
            return size() > RECENT_SPANS;
        }
    };

    void spanRecorded(String requestId, SpanContext span) {
        if (requestId != null && span != null) {
            recentSpans.put(requestId, span);
        }
    }

    void record(LogEntry entry, LogBatch out) {
        SpanContext span = entry.requestId() != null ? recentSpans.get(entry.requestId()) : null;
        out.beginRecord(entry.epochNanos(), severity(entry.level()), entry.level(), entry.body(), span);
        out.attribute(FnlensAttributes.LOG_SOURCE, entry.source());
        if (entry.requestId() != null) {
            out.attribute(FnlensAttributes.REQUEST_ID, entry.requestId());
        }
        if (entry.source().equals("stdout") || entry.source().equals("stderr")) {
            out.attribute(FnlensAttributes.LOG_IOSTREAM, entry.source());
        }
        out.endRecord();
    }

    /** OpenTelemetry's SeverityNumber for a level name. */
    static int severity(String level) {
        switch (level) {
            case "TRACE": return 1;
            case "DEBUG": return 5;
            case "WARN": return 13;
            case "ERROR": return 17;
            case "FATAL": return 21;
            default: return 9;
        }
    }
}
