package dev.fnlens.agent.invocation;

import dev.fnlens.agent.trigger.TriggerFields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The invocation in progress on one thread: created once per thread and reused, so entering and
 * leaving a handler allocates nothing. The watchdog reads it from another thread; {@link #state}
 * decides, once, whether the handler's return or the deadline records the invocation.
 */
public final class ActiveInvocation {
    static final int IDLE = 0;
    static final int RUNNING = 1;
    static final int TIMED_OUT = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ActiveInvocation.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /** Nesting of instrumented calls on this thread; only the outermost is an invocation. Owner thread only. */
    int depth;
    /** Depth of instrumented calls that belong to an invocation already timed out. */
    long startNanos;
    long startEpochNanos;
    /** {@link System#nanoTime()} of the deadline, or 0 when there is none. */
    long deadlineNanos;
    int timeoutSeconds;
    String requestId;
    String functionArn;
    String handlerClass;
    boolean coldStart;
    boolean restore;
    String xrayTraceHeader;
    /** A stream handler's output, for the HTTP status of its response. */
    Object output;
    final TriggerFields trigger = new TriggerFields();

    public boolean isRunning() {
        return state == RUNNING;
    }

    void start() {
        while (state == TIMED_OUT) {
            Thread.onSpinWait(); // the watchdog is still copying the previous, timed-out invocation
        }
        STATE.setRelease(this, RUNNING);
    }

    /** The handler returned: true if it is the one to record the invocation. */
    boolean finish() {
        return STATE.compareAndSet(this, RUNNING, IDLE);
    }

    /** The deadline passed: true if the watchdog is the one to record it; {@link #release} afterwards. */
    boolean claimTimeout() {
        return STATE.compareAndSet(this, RUNNING, TIMED_OUT);
    }

    void release() {
        STATE.setRelease(this, IDLE);
    }

    /** The request id of the invocation in progress, or null. */
    public String runningRequestId() {
        String id = requestId;
        return state == RUNNING ? id : null;
    }

    public String requestId() {
        return requestId;
    }

    public String handlerClass() {
        return handlerClass;
    }

    public long deadlineNanos() {
        return deadlineNanos;
    }

    void copyTo(Invocation slot) {
        slot.requestId = requestId;
        slot.handlerClass = handlerClass;
        slot.functionArn = functionArn;
        slot.startEpochNanos = startEpochNanos;
        slot.coldStart = coldStart;
        slot.restore = restore;
        slot.timeoutSeconds = timeoutSeconds;
        slot.xrayTraceHeader = xrayTraceHeader;
        slot.trigger.copyFrom(trigger);
    }

    void clear() {
        functionArn = null;
        handlerClass = null;
        xrayTraceHeader = null;
        output = null;
        trigger.clear();
    }
}
