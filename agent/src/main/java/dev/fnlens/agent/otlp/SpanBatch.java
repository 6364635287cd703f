package dev.fnlens.agent.otlp;

import dev.fnlens.agent.trace.SpanContext;

/**
 * An {@code ExportTraceServiceRequest} written span by span: {@link #beginSpan}, attributes, events, links,
 * status, {@link #endSpan()}. Field numbers are those of opentelemetry-proto's {@code trace/v1/trace.proto}.
 */
public final class SpanBatch extends OtlpBatch {
    public static final int KIND_SERVER = 2;
    public static final int KIND_CONSUMER = 5;
    public static final int STATUS_ERROR = 2;

    private static final int TRACE_ID = 1;
    private static final int SPAN_ID = 2;
    private static final int PARENT_SPAN_ID = 4;
    private static final int NAME = 5;
    private static final int KIND = 6;
    private static final int START = 7;
    private static final int END = 8;
    private static final int ATTRIBUTES = 9;
    private static final int EVENTS = 11;
    private static final int LINKS = 13;
    private static final int STATUS = 15;
    private static final int FLAGS = 16;
    private static final int EVENT_TIME = 1;
    private static final int EVENT_NAME = 2;
    private static final int EVENT_ATTRIBUTES = 3;
    private static final int LINK_TRACE_ID = 1;
    private static final int LINK_SPAN_ID = 2;
    private static final int LINK_FLAGS = 6;
    private static final int STATUS_MESSAGE = 2;
    private static final int STATUS_CODE = 3;
    /** {@code SpanFlags}: bit 8 says whether bit 9 (the parent or link is remote) is known. */
    private static final int HAS_IS_REMOTE = 0x100;
    private static final int IS_REMOTE = 0x200;

    private int attributeField = ATTRIBUTES;
    private int eventMark = -1;

    public SpanBatch(OtlpResource resource) {
        super(resource);
    }

    public void beginSpan(SpanContext span, SpanContext parent, String name, int kind, long startEpochNanos,
                          long endEpochNanos) {
        beginItem();
        out.idField(TRACE_ID, span.traceIdHigh(), span.traceIdLow(), true);
        out.idField(SPAN_ID, 0, span.spanId(), false);
        if (parent != null) {
            out.idField(PARENT_SPAN_ID, 0, parent.spanId(), false);
        }
        out.fixed32Field(FLAGS, flags(span.traceFlags(), parent != null && parent.remote()));
        out.stringField(NAME, name);
        out.varintField(KIND, kind);
        out.fixed64Field(START, startEpochNanos);
        out.fixed64Field(END, endEpochNanos);
    }

    public void attribute(String key, String value) {
        KeyValues.string(out, attributeField, key, value);
    }

    public void attribute(String key, long value) {
        KeyValues.integer(out, attributeField, key, value);
    }

    public void attribute(String key, double value) {
        KeyValues.decimal(out, attributeField, key, value);
    }

    public void attribute(String key, boolean value) {
        KeyValues.bool(out, attributeField, key, value);
    }

    /** Attributes written until {@link #endEvent()} belong to the event. */
    public void beginEvent(String name, long epochNanos) {
        eventMark = out.begin(EVENTS);
        out.fixed64Field(EVENT_TIME, epochNanos);
        out.stringField(EVENT_NAME, name);
        attributeField = EVENT_ATTRIBUTES;
    }

    public void endEvent() {
        out.end(eventMark);
        eventMark = -1;
        attributeField = ATTRIBUTES;
    }

    public void link(SpanContext linked) {
        int link = out.begin(LINKS);
        out.idField(LINK_TRACE_ID, linked.traceIdHigh(), linked.traceIdLow(), true);
        out.idField(LINK_SPAN_ID, 0, linked.spanId(), false);
        out.fixed32Field(LINK_FLAGS, flags(linked.traceFlags(), linked.remote()));
        out.end(link);
    }

    public void status(int code, String message) {
        int status = out.begin(STATUS);
        if (message != null && !message.isEmpty()) {
            out.stringField(STATUS_MESSAGE, message);
        }
        out.varintField(STATUS_CODE, code);
        out.end(status);
    }

    public void endSpan() {
        endItem();
    }

    @Override
    void abandoned() {
        eventMark = -1;
        attributeField = ATTRIBUTES;
    }

    private static int flags(int traceFlags, boolean remote) {
        return traceFlags | HAS_IS_REMOTE | (remote ? IS_REMOTE : 0);
    }
}
