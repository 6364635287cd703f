package dev.fnlens.agent.export;

import static dev.fnlens.semconv.FnlensAttributes.AGENT_DROPPED_INVOCATIONS;
import static dev.fnlens.semconv.FnlensAttributes.AGENT_DROPPED_LOG_RECORDS;

import dev.fnlens.agent.invocation.Durations;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.trace.TraceContexts;
import dev.fnlens.agent.trigger.Trigger;
import dev.fnlens.agent.trigger.TriggerFields;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

/** Turns one recorded invocation into one span, after the fact, with the invocation's own start and end. */
final class InvocationSpans {
    /** Bounds what one exception can add to a span (deep recursion, huge messages). */
    static final int MAX_STACKTRACE_CHARS = 32 * 1024;
    private static final long MIB = 1024 * 1024;

    private static final AttributeKey<String> TRIGGER = AttributeKey.stringKey(FnlensAttributes.FAAS_TRIGGER);
    private static final AttributeKey<String> TRIGGER_SOURCE = AttributeKey.stringKey(FnlensAttributes.TRIGGER_SOURCE);
    private static final AttributeKey<String> TRIGGER_RESOURCE =
            AttributeKey.stringKey(FnlensAttributes.TRIGGER_RESOURCE);
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey(FnlensAttributes.TRIGGER_BATCH_SIZE);
    private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey(FnlensAttributes.HTTP_REQUEST_METHOD);
    private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey(FnlensAttributes.HTTP_ROUTE);
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey(FnlensAttributes.HTTP_RESPONSE_STATUS_CODE);
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey(FnlensAttributes.URL_PATH);
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey(FnlensAttributes.MESSAGING_SYSTEM);
    private static final AttributeKey<String> MESSAGING_DESTINATION =
            AttributeKey.stringKey(FnlensAttributes.MESSAGING_DESTINATION_NAME);
    private static final AttributeKey<Long> MESSAGING_BATCH =
            AttributeKey.longKey(FnlensAttributes.MESSAGING_BATCH_MESSAGE_COUNT);
    private static final AttributeKey<String> INVOCATION_ID = AttributeKey.stringKey(FnlensAttributes.FAAS_INVOCATION_ID);
    private static final AttributeKey<Boolean> COLDSTART = AttributeKey.booleanKey(FnlensAttributes.FAAS_COLDSTART);
    private static final AttributeKey<Boolean> RESTORE = AttributeKey.booleanKey(FnlensAttributes.RESTORE);
    private static final AttributeKey<String> INITIALIZATION_TYPE =
            AttributeKey.stringKey(FnlensAttributes.INITIALIZATION_TYPE);
    private static final AttributeKey<String> RESOURCE_ID = AttributeKey.stringKey(FnlensAttributes.CLOUD_RESOURCE_ID);
    private static final AttributeKey<Double> INIT_DURATION = AttributeKey.doubleKey(FnlensAttributes.INIT_DURATION_MS);
    private static final AttributeKey<Double> DURATION = AttributeKey.doubleKey(FnlensAttributes.DURATION_MS);
    private static final AttributeKey<Long> BILLED = AttributeKey.longKey(FnlensAttributes.BILLED_DURATION_MS);
    private static final AttributeKey<Long> MEMORY_SIZE = AttributeKey.longKey(FnlensAttributes.MEMORY_SIZE_MB);
    private static final AttributeKey<Long> MAX_MEMORY_USED = AttributeKey.longKey(FnlensAttributes.MAX_MEMORY_USED_MB);
    private static final AttributeKey<Long> INVOCATION_MAX_RSS =
            AttributeKey.longKey(FnlensAttributes.INVOCATION_MAX_RSS_MB);
    private static final AttributeKey<Long> HEAP_USED_AFTER = AttributeKey.longKey(FnlensAttributes.HEAP_USED_AFTER_MB);
    private static final AttributeKey<Double> GC_PAUSE = AttributeKey.doubleKey(FnlensAttributes.GC_PAUSE_MS);
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey(FnlensAttributes.STATUS);
    private static final AttributeKey<Long> TIMEOUT_SECONDS = AttributeKey.longKey(FnlensAttributes.TIMEOUT_SECONDS);
    private static final AttributeKey<Long> DROPPED_INVOCATIONS = AttributeKey.longKey(AGENT_DROPPED_INVOCATIONS);
    private static final AttributeKey<Long> DROPPED_LOGS = AttributeKey.longKey(AGENT_DROPPED_LOG_RECORDS);
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey(FnlensAttributes.EXCEPTION_TYPE);
    private static final AttributeKey<String> EXCEPTION_MESSAGE =
            AttributeKey.stringKey(FnlensAttributes.EXCEPTION_MESSAGE);
    private static final AttributeKey<String> EXCEPTION_STACKTRACE =
            AttributeKey.stringKey(FnlensAttributes.EXCEPTION_STACKTRACE);

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

    private final Tracer tracer;
    private final FunctionIdentity identity;
    private final long processStartEpochNanos;
    private final String initializationType;
    private final boolean traceContext;

    /**
     * @param identity               the JVM's one function: it names every span, as on Lambda, where
     *                               an execution environment serves exactly one function
     * @param processStartEpochNanos origin of a cold start's init duration
     */
    InvocationSpans(Tracer tracer, FunctionIdentity identity, long processStartEpochNanos, String initializationType,
                    boolean traceContext) {
        this.tracer = tracer;
        this.identity = identity;
        this.processStartEpochNanos = processStartEpochNanos;
        this.initializationType = initializationType;
        this.traceContext = traceContext;
    }

    InvocationSpans(Tracer tracer, FunctionIdentity identity, long processStartEpochNanos) {
        this(tracer, identity, processStartEpochNanos, null, true);
    }

    void record(Invocation invocation) {
        record(invocation, Measured.NONE, Drops.NONE);
    }

    /** @return the span's context, so log records of the invocation can point at it */
    SpanContext record(Invocation invocation, Measured measured, Drops drops) {
        TriggerFields t = invocation.trigger;
        Trigger trigger = t.trigger;
        SpanBuilder builder = tracer.spanBuilder(identity.functionName())
                .setSpanKind(trigger.consumer() ? SpanKind.CONSUMER : SpanKind.SERVER)
                .setStartTimestamp(invocation.startEpochNanos, TimeUnit.NANOSECONDS)
                .setAttribute(TRIGGER, trigger.type())
                .setAttribute(INVOCATION_ID, invocation.requestId)
                .setAttribute(COLDSTART, invocation.coldStart)
                .setAttribute(DURATION, Durations.millis(invocation.durationNanos))
                .setAttribute(BILLED, Durations.billedMillis(invocation.durationNanos))
                .setAttribute(MEMORY_SIZE, identity.memorySizeMb())
                .setAttribute(STATUS, status(invocation));
        parentAndLinks(builder, invocation);
        triggerAttributes(builder, t);
        if (invocation.functionArn != null) {
            builder.setAttribute(RESOURCE_ID, invocation.functionArn);
        }
        if (initializationType != null) {
            builder.setAttribute(INITIALIZATION_TYPE, initializationType);
        }
        if (invocation.restore) {
            builder.setAttribute(RESTORE, true);
        }
        long initNanos = invocation.startEpochNanos - processStartEpochNanos;
        if (invocation.coldStart && initNanos > 0) {
            builder.setAttribute(INIT_DURATION, Durations.millis(initNanos));
        }
        if (measured.maxMemoryUsedMb() > 0) {
            builder.setAttribute(MAX_MEMORY_USED, measured.maxMemoryUsedMb());
        }
        if (measured.invocationMaxRssMb() > 0) {
            builder.setAttribute(INVOCATION_MAX_RSS, measured.invocationMaxRssMb());
        }
        if (measured.gcPauseMs() >= 0) {
            builder.setAttribute(GC_PAUSE, measured.gcPauseMs());
        }
        if (invocation.heapUsedAfterBytes >= 0) {
            builder.setAttribute(HEAP_USED_AFTER, (invocation.heapUsedAfterBytes + MIB - 1) / MIB);
        }
        if (invocation.timedOut() && invocation.timeoutSeconds > 0) {
            builder.setAttribute(TIMEOUT_SECONDS, invocation.timeoutSeconds);
        }
        if (drops.any()) {
            builder.setAttribute(DROPPED_INVOCATIONS, drops.invocations());
            builder.setAttribute(DROPPED_LOGS, drops.logRecords());
        }
        Span span = builder.startSpan();
        if (invocation.failed()) {
            Throwable error = invocation.error;
            span.addEvent(FnlensAttributes.EXCEPTION_EVENT, exceptionAttributes(error),
                    invocation.endEpochNanos(), TimeUnit.NANOSECONDS);
            String message = safeMessage(error);
            span.setStatus(StatusCode.ERROR, message != null ? message : error.getClass().getName());
        } else if (invocation.timedOut()) {
            span.setStatus(StatusCode.ERROR, "Task timed out after " + invocation.timeoutSeconds + ".00 seconds");
        }
        SpanContext context = span.getSpanContext();
        span.end(invocation.endEpochNanos(), TimeUnit.NANOSECONDS);
        return context;
    }

    /** The caller's context: the event's traceparent first, else the runtime's X-Ray header; batches link. */
    private void parentAndLinks(SpanBuilder builder, Invocation invocation) {
        if (!traceContext) {
            builder.setNoParent();
            return;
        }
        TriggerFields t = invocation.trigger;
        SpanContext parent = TraceContexts.parse(t.traceparent);
        SpanContext xray = TraceContexts.parse(invocation.xrayTraceHeader);
        if (parent == null) {
            parent = xray;
        } else if (xray != null && !xray.getTraceId().equals(parent.getTraceId())) {
            builder.addLink(xray);
        }
        if (parent != null) {
            builder.setParent(Context.root().with(Span.wrap(parent)));
        } else {
            builder.setNoParent();
        }
        for (int i = 0; i < t.linkCount; i++) {
            SpanContext link = TraceContexts.parse(t.links[i]);
            if (link != null && (parent == null || !link.getSpanId().equals(parent.getSpanId()))) {
                builder.addLink(link);
            }
        }
    }

    private static void triggerAttributes(SpanBuilder builder, TriggerFields t) {
        Trigger trigger = t.trigger;
        if (trigger.source() != null) {
            builder.setAttribute(TRIGGER_SOURCE, trigger.source());
        }
        String resource = t.resourceName();
        if (resource != null) {
            builder.setAttribute(TRIGGER_RESOURCE, resource);
        }
        if (t.batchSize >= 0) {
            builder.setAttribute(BATCH_SIZE, t.batchSize);
        }
        if (trigger.messagingSystem() != null) {
            builder.setAttribute(MESSAGING_SYSTEM, trigger.messagingSystem());
            if (resource != null) {
                builder.setAttribute(MESSAGING_DESTINATION, resource);
            }
            if (t.batchSize >= 0) {
                builder.setAttribute(MESSAGING_BATCH, t.batchSize);
            }
        }
        if (t.httpMethod != null) {
            builder.setAttribute(HTTP_METHOD, t.httpMethod);
        }
        if (t.httpRoute != null) {
            builder.setAttribute(HTTP_ROUTE, t.httpRoute);
        }
        if (t.urlPath != null) {
            builder.setAttribute(URL_PATH, t.urlPath);
        }
        if (t.httpStatus > 0) {
            builder.setAttribute(HTTP_STATUS, t.httpStatus);
        }
    }

    private static String status(Invocation invocation) {
        if (invocation.timedOut()) {
            return FnlensAttributes.STATUS_TIMEOUT;
        }
        return invocation.failed() ? FnlensAttributes.STATUS_ERROR : FnlensAttributes.STATUS_SUCCESS;
    }

    static Attributes exceptionAttributes(Throwable error) {
        AttributesBuilder attributes = Attributes.builder()
                .put(EXCEPTION_TYPE, error.getClass().getName())
                .put(EXCEPTION_STACKTRACE, stackTrace(error));
        String message = safeMessage(error);
        if (message != null) {
            attributes.put(EXCEPTION_MESSAGE, message);
        }
        return attributes.build();
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
