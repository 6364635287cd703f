package dev.fnlens.agent.invocation;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures invocations on the handler's thread and hands each finished one to a sink.
 *
 * <p>Only the outermost instrumented call on a thread counts: a subclass handler that
 * calls {@code super.handleRequest}, or a handler that calls another handler, is one
 * invocation, not two.
 */
public final class InvocationRecorder {
    private final InvocationSink sink;
    private final boolean coldStartEligible;
    private final AtomicBoolean firstInvocationSeen = new AtomicBoolean();
    private final ThreadLocal<Active> active = new ThreadLocal<>();

    /**
     * @param coldStartEligible false when the environment was initialised ahead of traffic
     *                          (provisioned concurrency, SnapStart): then no invocation is a cold start
     */
    public InvocationRecorder(InvocationSink sink, boolean coldStartEligible) {
        this.sink = sink;
        this.coldStartEligible = coldStartEligible;
    }

    public void enter(Object input, Object context, String handlerClass) {
        Active current = active.get();
        if (current == null) {
            current = new Active();
            active.set(current);
        }
        if (current.depth++ > 0) {
            return;
        }
        current.startNanos = System.nanoTime();
        Instant now = Instant.now();
        current.startEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        current.coldStart = firstInvocationSeen.compareAndSet(false, true) && coldStartEligible;
        current.handlerClass = handlerClass;
        String requestId = ContextReader.requestId(context);
        current.requestId = requestId != null ? requestId : RequestIds.randomUuid();
        current.functionArn = ContextReader.functionArn(context);
        current.trigger = TriggerDetector.detect(input);
    }

    public void exit(Throwable error) {
        Active current = active.get();
        if (current == null || current.depth == 0) {
            return; // enter failed or was never called: nothing to pair with
        }
        if (--current.depth > 0) {
            return;
        }
        long duration = System.nanoTime() - current.startNanos;
        Invocation invocation = new Invocation(current.requestId, current.handlerClass, current.functionArn,
                current.trigger, current.startEpochNanos, duration, current.coldStart,
                PeakMemory.maxMemoryUsedMb(), error);
        current.clear();
        sink.accept(invocation);
    }

    /** Per-thread state of the invocation in progress; reused to keep the handler path allocation-light. */
    private static final class Active {
        int depth;
        long startNanos;
        long startEpochNanos;
        boolean coldStart;
        String handlerClass;
        String requestId;
        String functionArn;
        Trigger trigger;

        void clear() {
            handlerClass = null;
            requestId = null;
            functionArn = null;
            trigger = null;
        }
    }
}
