package dev.fnlens.agent.otlp;

import dev.fnlens.agent.trace.SpanContext;

/**
 * An {@code ExportLogsServiceRequest} written record by record. Field numbers are those of
 * opentelemetry-proto's {@code logs/v1/logs.proto}.
 */
public final class LogBatch extends OtlpBatch {
    private static final int TIME = 1;
    private static final int SEVERITY_NUMBER = 2;
    private static final int SEVERITY_TEXT = 3;
    private static final int BODY = 5;
    private static final int ATTRIBUTES = 6;
    private static final int FLAGS = 8;
    private static final int TRACE_ID = 9;
    private static final int SPAN_ID = 10;
    private static final int OBSERVED_TIME = 11;

    public LogBatch(OtlpResource resource) {
        super(resource);
    }

    /** @param span the invocation's span, or null */
    public void beginRecord(long epochNanos, int severityNumber, String severityText, String body, SpanContext span) {
        beginItem();
        out.fixed64Field(TIME, epochNanos);
        out.fixed64Field(OBSERVED_TIME, epochNanos);
        out.varintField(SEVERITY_NUMBER, severityNumber);
        out.stringField(SEVERITY_TEXT, severityText);
        KeyValues.stringValue(out, BODY, body);
        if (span != null) {
            out.idField(TRACE_ID, span.traceIdHigh(), span.traceIdLow(), true);
            out.idField(SPAN_ID, 0, span.spanId(), false);
            out.fixed32Field(FLAGS, span.traceFlags());
        }
    }

    public void attribute(String key, String value) {
        KeyValues.string(out, ATTRIBUTES, key, value);
    }

    public void endRecord() {
        endItem();
    }
}
