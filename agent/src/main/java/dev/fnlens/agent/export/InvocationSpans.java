package dev.fnlens.agent.export;

import static dev.fnlens.semconv.FnlensAttributes.AGENT_DROPPED_INVOCATIONS;
import static dev.fnlens.semconv.FnlensAttributes.AGENT_DROPPED_LOG_RECORDS;

import dev.fnlens.agent.invocation.Durations;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.otlp.SpanBatch;
import dev.fnlens.agent.trace.SpanContext;
import dev.fnlens.agent.trace.TraceContexts;
import dev.fnlens.agent.trigger.Trigger;
import dev.fnlens.agent.trigger.TriggerFields;
import dev.fnlens.semconv.FnlensAttributes;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns one recorded invocation into one span, after the fact, with the invocation's own start and end. */
final class InvocationSpans {
    /** Bounds what one exception can add to a span (deep recursion, huge messages). */
    static final int MAX_STACKTRACE_CHARS = 32 * 1024;
    /** As many links as OpenTelemetry's SDK keeps by default. */
    private static final int MAX_LINKS = 128;
    private static final long MIB = 1024 * 1024;

    /** Measurements taken off the handler's thread, per invocation. */
    record Measured(long maxMemoryUsedMb, long invocationMaxRssMb, double gcPauseMs) {
        static final Measured NONE = new Measured(-1, -1, -1);
    }

    /** Agent losses reported on a span once the collector takes it. */
    record Drops(long invocations, long logRecords) {
        static final Drops NONE = new Drops(0, 0);

        boolean any() {
            return invocations > 0 || logRecords > 0;
        }
    }

    private final FunctionIdentity identity;
    private final long processStartEpochNanos;
    private final String initializationType;
    private final boolean traceContext;

    /**
     * @param identity               the JVM's one function: it names every span, as on Lambda, where
     *                               an execution environment serves exactly one function
     * @param processStartEpochNanos origin of a cold start's init duration
     */
    InvocationSpans(FunctionIdentity identity, long processStartEpochNanos, String initializationType,
                    boolean traceContext) {
        this.identity = identity;
        this.processStartEpochNanos = processStartEpochNanos;
        this.initializationType = initializationType;
        this.traceContext = traceContext;
    }

    InvocationSpans(FunctionIdentity identity, long processStartEpochNanos) {
        this(identity, processStartEpochNanos, null, true);
    }

    SpanContext record(Invocation invocation, SpanBatch out) {
        return record(invocation, Measured.NONE, Drops.NONE, out);
    }

    /** Appends the invocation's span to {@code out}; returns its context, so log records can point at it. */
    SpanContext record(Invocation invocation, Measured measured, Drops drops, SpanBatch out) {
        TriggerFields t = invocation.trigger;
        Trigger trigger = t.trigger;
        SpanContext fromEvent = traceContext ? TraceContexts.parse(t.traceparent) : null;
        SpanContext xray = traceContext ? TraceContexts.parse(invocation.xrayTraceHeader) : null;
        SpanContext parent = fromEvent != null ? fromEvent : xray;
        SpanContext span = SpanContext.newSpan(parent);
        out.beginSpan(span, parent, identity.functionName(),
                trigger.consumer() ? SpanBatch.KIND_CONSUMER : SpanBatch.KIND_SERVER,
                invocation.startEpochNanos, invocation.endEpochNanos());
        out.attribute(FnlensAttributes.FAAS_TRIGGER, trigger.type());
        out.attribute(FnlensAttributes.FAAS_INVOCATION_ID, invocation.requestId);
        out.attribute(FnlensAttributes.FAAS_COLDSTART, invocation.coldStart);
        out.attribute(FnlensAttributes.DURATION_MS, Durations.millis(invocation.durationNanos));
        out.attribute(FnlensAttributes.BILLED_DURATION_MS, Durations.billedMillis(invocation.durationNanos));
        out.attribute(FnlensAttributes.MEMORY_SIZE_MB, identity.memorySizeMb());
        out.attribute(FnlensAttributes.STATUS, status(invocation));
        triggerAttributes(out, t);
        if (invocation.functionArn != null) {
            out.attribute(FnlensAttributes.CLOUD_RESOURCE_ID, invocation.functionArn);
        }
        if (initializationType != null) {
            out.attribute(FnlensAttributes.INITIALIZATION_TYPE, initializationType);
        }
        if (invocation.restore) {
            out.attribute(FnlensAttributes.RESTORE, true);
        }
        long initNanos = invocation.startEpochNanos - processStartEpochNanos;
        if (invocation.coldStart && initNanos > 0) {
            out.attribute(FnlensAttributes.INIT_DURATION_MS, Durations.millis(initNanos));
        }
        if (measured.maxMemoryUsedMb() > 0) {
            out.attribute(FnlensAttributes.MAX_MEMORY_USED_MB, measured.maxMemoryUsedMb());
        }
        if (measured.invocationMaxRssMb() > 0) {
            out.attribute(FnlensAttributes.INVOCATION_MAX_RSS_MB, measured.invocationMaxRssMb());
        }
        if (measured.gcPauseMs() >= 0) {
            out.attribute(FnlensAttributes.GC_PAUSE_MS, measured.gcPauseMs());
        }
        if (invocation.heapUsedAfterBytes >= 0) {
            out.attribute(FnlensAttributes.HEAP_USED_AFTER_MB, (invocation.heapUsedAfterBytes + MIB - 1) / MIB);
        }
        if (invocation.timedOut() && invocation.timeoutSeconds > 0) {
            out.attribute(FnlensAttributes.TIMEOUT_SECONDS, (long) invocation.timeoutSeconds);
        }
        if (drops.any()) {
            out.attribute(AGENT_DROPPED_INVOCATIONS, drops.invocations());
            out.attribute(AGENT_DROPPED_LOG_RECORDS, drops.logRecords());
        }
        if (traceContext) {
            links(out, t, parent, fromEvent != null ? xray : null);
        }
        if (invocation.failed()) {
            Throwable error = invocation.error;
            exceptionEvent(out, error, invocation.endEpochNanos());
            String message = safeMessage(error);
            out.status(SpanBatch.STATUS_ERROR, message != null ? message : error.getClass().getName());
        } else if (invocation.timedOut()) {
            out.status(SpanBatch.STATUS_ERROR, "Task timed out after " + invocation.timeoutSeconds + ".00 seconds");
        }
        out.endSpan();
        return span;
    }

    /**
     * The runtime's X-Ray trace, when the event's traceparent is the parent and names another trace, and every
     * message of a batch (but the parent itself) become links.
     */
    private static void links(SpanBatch out, TriggerFields t, SpanContext parent, SpanContext xray) {
        int links = 0;
        if (xray != null && (xray.traceIdHigh() != parent.traceIdHigh() || xray.traceIdLow() != parent.traceIdLow())) {
            out.link(xray);
            links++;
        }
        for (int i = 0; i < t.linkCount && links < MAX_LINKS; i++) {
            SpanContext link = TraceContexts.parse(t.links[i]);
            if (link != null && (parent == null || link.spanId() != parent.spanId())) {
                out.link(link);
                links++;
            }
        }
    }

    private static void triggerAttributes(SpanBatch out, TriggerFields t) {
        Trigger trigger = t.trigger;
        if (trigger.source() != null) {
            out.attribute(FnlensAttributes.TRIGGER_SOURCE, trigger.source());
        }
        String resource = t.resourceName();
        if (resource != null) {
            out.attribute(FnlensAttributes.TRIGGER_RESOURCE, resource);
        }
        if (t.batchSize >= 0) {
            out.attribute(FnlensAttributes.TRIGGER_BATCH_SIZE, (long) t.batchSize);
        }
        if (trigger.messagingSystem() != null) {
            out.attribute(FnlensAttributes.MESSAGING_SYSTEM, trigger.messagingSystem());
            if (resource != null) {
                out.attribute(FnlensAttributes.MESSAGING_DESTINATION_NAME, resource);
            }
            if (t.batchSize >= 0) {
                out.attribute(FnlensAttributes.MESSAGING_BATCH_MESSAGE_COUNT, (long) t.batchSize);
            }
        }
        if (t.httpMethod != null) {
            out.attribute(FnlensAttributes.HTTP_REQUEST_METHOD, t.httpMethod);
        }
        if (t.httpRoute != null) {
            out.attribute(FnlensAttributes.HTTP_ROUTE, t.httpRoute);
        }
        if (t.urlPath != null) {
            out.attribute(FnlensAttributes.URL_PATH, t.urlPath);
        }
        if (t.httpStatus > 0) {
            out.attribute(FnlensAttributes.HTTP_RESPONSE_STATUS_CODE, (long) t.httpStatus);
        }
    }

    private static String status(Invocation invocation) {
        if (invocation.timedOut()) {
            return FnlensAttributes.STATUS_TIMEOUT;
        }
        return invocation.failed() ? FnlensAttributes.STATUS_ERROR : FnlensAttributes.STATUS_SUCCESS;
    }

    /** OpenTelemetry's exception event: type, message (when there is one), stack trace. */
    static void exceptionEvent(SpanBatch out, Throwable error, long epochNanos) {
        out.beginEvent(FnlensAttributes.EXCEPTION_EVENT, epochNanos);
        out.attribute(FnlensAttributes.EXCEPTION_TYPE, error.getClass().getName());
        out.attribute(FnlensAttributes.EXCEPTION_STACKTRACE, stackTrace(error));
        String message = safeMessage(error);
        if (message != null) {
            out.attribute(FnlensAttributes.EXCEPTION_MESSAGE, message);
        }
        out.endEvent();
    }

    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            error.printStackTrace(writer);
        } catch (RuntimeException e) {
            // a user exception whose toString throws still gets its type recorded
        }
        String text = out.toString();
        return text.length() <= MAX_STACKTRACE_CHARS ? text : text.substring(0, MAX_STACKTRACE_CHARS) + "\n\t...";
    }

    private static String safeMessage(Throwable error) {
        try {
            return error.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
