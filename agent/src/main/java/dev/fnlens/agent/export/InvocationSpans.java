package dev.fnlens.agent.export;

import dev.fnlens.agent.invocation.Durations;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

/** Turns one recorded invocation into one span, after the fact, with the invocation's own start and end. */
final class InvocationSpans {
    /** Bounds what one exception can add to a span (deep recursion, huge messages). */
    static final int MAX_STACKTRACE_CHARS = 32 * 1024;

    private static final AttributeKey<String> TRIGGER = AttributeKey.stringKey(FnlensAttributes.FAAS_TRIGGER);
    private static final AttributeKey<String> TRIGGER_SOURCE = AttributeKey.stringKey(FnlensAttributes.TRIGGER_SOURCE);
    private static final AttributeKey<String> INVOCATION_ID = AttributeKey.stringKey(FnlensAttributes.FAAS_INVOCATION_ID);
    private static final AttributeKey<Boolean> COLDSTART = AttributeKey.booleanKey(FnlensAttributes.FAAS_COLDSTART);
    private static final AttributeKey<String> RESOURCE_ID = AttributeKey.stringKey(FnlensAttributes.CLOUD_RESOURCE_ID);
    private static final AttributeKey<Double> INIT_DURATION = AttributeKey.doubleKey(FnlensAttributes.INIT_DURATION_MS);
    private static final AttributeKey<Double> DURATION = AttributeKey.doubleKey(FnlensAttributes.DURATION_MS);
    private static final AttributeKey<Long> BILLED = AttributeKey.longKey(FnlensAttributes.BILLED_DURATION_MS);
    private static final AttributeKey<Long> MEMORY_SIZE = AttributeKey.longKey(FnlensAttributes.MEMORY_SIZE_MB);
    private static final AttributeKey<Long> MAX_MEMORY_USED = AttributeKey.longKey(FnlensAttributes.MAX_MEMORY_USED_MB);
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey(FnlensAttributes.STATUS);
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey(FnlensAttributes.EXCEPTION_TYPE);
    private static final AttributeKey<String> EXCEPTION_MESSAGE =
            AttributeKey.stringKey(FnlensAttributes.EXCEPTION_MESSAGE);
    private static final AttributeKey<String> EXCEPTION_STACKTRACE =
            AttributeKey.stringKey(FnlensAttributes.EXCEPTION_STACKTRACE);

    private final Tracer tracer;
    private final FunctionIdentity identity;
    private final long processStartEpochNanos;

    /**
     * @param identity               the JVM's one function: it names every span, as on Lambda, where
     *                               an execution environment serves exactly one function
     * @param processStartEpochNanos origin of a cold start's init duration
     */
    InvocationSpans(Tracer tracer, FunctionIdentity identity, long processStartEpochNanos) {
        this.tracer = tracer;
        this.identity = identity;
        this.processStartEpochNanos = processStartEpochNanos;
    }

    void record(Invocation invocation) {
        SpanBuilder builder = tracer.spanBuilder(identity.functionName())
                .setNoParent()
                .setSpanKind(invocation.trigger().consumer() ? SpanKind.CONSUMER : SpanKind.SERVER)
                .setStartTimestamp(invocation.startEpochNanos(), TimeUnit.NANOSECONDS)
                .setAttribute(TRIGGER, invocation.trigger().type())
                .setAttribute(INVOCATION_ID, invocation.requestId())
                .setAttribute(COLDSTART, invocation.coldStart())
                .setAttribute(DURATION, Durations.millis(invocation.durationNanos()))
                .setAttribute(BILLED, Durations.billedMillis(invocation.durationNanos()))
                .setAttribute(MEMORY_SIZE, identity.memorySizeMb())
                .setAttribute(MAX_MEMORY_USED, invocation.maxMemoryUsedMb())
                .setAttribute(STATUS, invocation.failed() ? FnlensAttributes.STATUS_ERROR : FnlensAttributes.STATUS_SUCCESS);
        if (invocation.trigger().source() != null) {
            builder.setAttribute(TRIGGER_SOURCE, invocation.trigger().source());
        }
        if (invocation.functionArn() != null) {
            builder.setAttribute(RESOURCE_ID, invocation.functionArn());
        }
        long initNanos = invocation.startEpochNanos() - processStartEpochNanos;
        if (invocation.coldStart() && initNanos > 0) {
            builder.setAttribute(INIT_DURATION, Durations.millis(initNanos));
        }
        Span span = builder.startSpan();
        if (invocation.failed()) {
            Throwable error = invocation.error();
            span.addEvent(FnlensAttributes.EXCEPTION_EVENT, exceptionAttributes(error),
                    invocation.endEpochNanos(), TimeUnit.NANOSECONDS);
            String message = safeMessage(error);
            span.setStatus(StatusCode.ERROR, message != null ? message : error.getClass().getName());
        }
        span.end(invocation.endEpochNanos(), TimeUnit.NANOSECONDS);
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
