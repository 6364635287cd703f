package dev.fnlens.agent.invocation;

import dev.fnlens.agent.trigger.TriggerFields;

/**
 * One finished handler invocation, as measured on the handler's thread: a reusable slot of the
 * invocation queue, so recording allocates nothing. Only raw measurements: everything derived
 * (rounded durations, attributes, the exception's text) is computed later, off the handler's path.
 * Memory figures that are read off the handler's thread are filled in by the exporter.
 */
public final class Invocation {
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int TIMEOUT = 2;

    /** Queue position while in the queue (see {@link InvocationRing}). */
    volatile long sequence;
    long position;

    public String requestId;
    /** Binary name of the instrumented class (fallback function name). */
    public String handlerClass;
    /** {@code Context.getInvokedFunctionArn()}, or null. */
    public String functionArn;
    public long startEpochNanos;
    public long durationNanos;
    public boolean coldStart;
    /** First invocation after a SnapStart restore. */
    public boolean restore;
    public int status;
    /** What the handler threw, or null. */
    public Throwable error;
    /** Configured timeout in whole seconds as the deadline tells it; 0 when unknown. */
    public int timeoutSeconds;
    /** Heap in use right after the handler returned, bytes; -1 when not measured. */
    public long heapUsedAfterBytes = -1;
    /** The X-Ray trace header the runtime handed to this invocation, or null. */
    public String xrayTraceHeader;
    public final TriggerFields trigger = new TriggerFields();

    public Invocation() {
    }

    /** A finished invocation, for tests and hand-made records. */
    public Invocation(String requestId, String handlerClass, String functionArn, long startEpochNanos,
                      long durationNanos, boolean coldStart, Throwable error) {
        this.requestId = requestId;
        this.handlerClass = handlerClass;
        this.functionArn = functionArn;
        this.startEpochNanos = startEpochNanos;
        this.durationNanos = durationNanos;
        this.coldStart = coldStart;
        this.error = error;
        this.status = error != null ? ERROR : SUCCESS;
    }

    public String requestId() {
        return requestId;
    }

    public String handlerClass() {
        return handlerClass;
    }

    public String functionArn() {
        return functionArn;
    }

    public Throwable error() {
        return error;
    }

    public boolean coldStart() {
        return coldStart;
    }

    public long startEpochNanos() {
        return startEpochNanos;
    }

    public long durationNanos() {
        return durationNanos;
    }

    public boolean failed() {
        return status == ERROR;
    }

    public boolean timedOut() {
        return status == TIMEOUT;
    }

    public long endEpochNanos() {
        return startEpochNanos + durationNanos;
    }

    void clear() {
        requestId = null;
        handlerClass = null;
        functionArn = null;
        error = null;
        xrayTraceHeader = null;
        heapUsedAfterBytes = -1;
        timeoutSeconds = 0;
        restore = false;
        coldStart = false;
        status = SUCCESS;
        trigger.clear();
    }
}
