package dev.fnlens.agent.invocation;

import dev.fnlens.agent.trigger.Reflect;
import dev.fnlens.agent.trigger.TriggerDetector;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures invocations on the handler's thread and hands each finished one to a sink.
 *
 * <p>Only the outermost instrumented call on a thread counts: a subclass handler that
 * calls {@code super.handleRequest}, or a handler that calls another handler, is one
 * invocation, not two. Everything here is allocation-free after a thread's first invocation.
 */
public final class InvocationRecorder {
    /** The runtime's X-Ray header for the current invocation, set by the AWS runtime interface client. */
    static final String XRAY_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final int MAX_THREADS = 64;

    /** Told when invocations start and end; for the watchdog and the Lambda extension. Must not block. */
    public interface Listener {
        void started(ActiveInvocation invocation);

        void ended(String requestId);
    }

    /** What to measure. */
    public record Options(boolean coldStartEligible, boolean snapStart, boolean triggers, boolean traceContext,
                          boolean memory) {
        public static final Options ALL = new Options(true, false, true, true, true);
    }

    private final InvocationSink sink;
    private final Options options;
    private final AtomicBoolean firstInvocationSeen = new AtomicBoolean();
    private final ThreadLocal<ActiveInvocation> active = new ThreadLocal<ActiveInvocation>() {
        @Override
        protected ActiveInvocation initialValue() {
            return register();
        }
    };
    private final ActiveInvocation[] threads = new ActiveInvocation[MAX_THREADS];
    private int threadCount;
    private volatile ActiveInvocation latest;
    private volatile Listener listener;

    public InvocationRecorder(InvocationSink sink, Options options) {
        this.sink = sink;
        this.options = options;
    }

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    public void enter(Object input, Object output, Object context, String handlerClass) {
        ActiveInvocation current = active.get();
        if (current.depth++ > 0) {
            return;
        }
        long start = System.nanoTime();
        current.startNanos = start;
        current.startEpochNanos = Clock.epochNanos(start);
        boolean first = !firstInvocationSeen.get() && firstInvocationSeen.compareAndSet(false, true);
        current.coldStart = first && options.coldStartEligible;
        current.restore = first && options.snapStart;
        current.handlerClass = handlerClass;
        String requestId;
        int remaining;
        if (context != null) {
            requestId = ContextReader.requestId(context);
            current.functionArn = ContextReader.functionArn(context);
            remaining = ContextReader.remainingMillis(context);
        } else {
            // a handler without a Context parameter: the runtime client's request, where there is one
            Object request = InvocationHooks.runtimeRequest();
            requestId = Reflect.string(request, "getId");
            current.functionArn = Reflect.string(request, "getInvokedFunctionArn");
            Object deadline = Reflect.get(request, "getDeadlineTimeInMs");
            remaining = deadline instanceof Long
                    ? (int) Math.max(-1, Math.min(Integer.MAX_VALUE, (Long) deadline - System.currentTimeMillis()))
                    : -1;
        }
        current.requestId = requestId != null ? requestId : RequestIds.randomUuid();
        if (remaining > 0) {
            current.deadlineNanos = start + remaining * 1_000_000L;
            current.timeoutSeconds = (remaining + 999) / 1000;
        } else {
            current.deadlineNanos = 0;
            current.timeoutSeconds = 0;
        }
        current.output = output;
        if (options.triggers) {
            TriggerDetector.detect(input, current.trigger);
        }
        if (options.traceContext) {
            current.xrayTraceHeader = System.getProperty(XRAY_PROPERTY);
        }
        current.start();
        latest = current;
        Listener l = listener;
        if (l != null) {
            l.started(current);
        }
    }

    public void exit(Object result, Throwable error) {
        ActiveInvocation current = active.get();
        if (current.depth == 0) {
            return; // enter failed or was never called: nothing to pair with
        }
        if (--current.depth > 0) {
            return;
        }
        long duration = System.nanoTime() - current.startNanos;
        if (!current.finish()) {
            current.clear(); // the deadline passed first: the watchdog recorded it as a timeout
            return;
        }
        if (options.triggers && error == null) {
            TriggerDetector.response(result, current.output, current.trigger);
        }
        Invocation slot = sink.claim();
        if (slot != null) {
            current.copyTo(slot);
            slot.durationNanos = duration;
            slot.error = error;
            slot.status = error != null ? Invocation.ERROR : Invocation.SUCCESS;
            if (options.memory) {
                Runtime runtime = Runtime.getRuntime();
                slot.heapUsedAfterBytes = runtime.totalMemory() - runtime.freeMemory();
            }
            sink.publish(slot);
        }
        String requestId = current.requestId;
        current.clear();
        Listener l = listener;
        if (l != null) {
            l.ended(requestId);
        }
    }

    /**
     * Records a running invocation as timed out at its deadline, if its handler has not returned
     * first. Called by the watchdog; the handler's own return then records nothing.
     *
     * @return the request id recorded, or null when the handler won the race
     */
    public String timeOut(ActiveInvocation invocation) {
        if (!invocation.claimTimeout()) {
            return null;
        }
        try {
            Invocation slot = sink.claim();
            if (slot != null) {
                invocation.copyTo(slot);
                long deadline = invocation.deadlineNanos;
                slot.durationNanos = Math.max(0, deadline - invocation.startNanos);
                slot.status = Invocation.TIMEOUT;
                sink.publish(slot);
            }
            return invocation.requestId;
        } finally {
            invocation.release();
        }
    }

    /** The request id of the invocation in progress on this thread, else of the latest one anywhere; or null. */
    public String currentRequestId() {
        ActiveInvocation mine = active.get();
        String id = mine.runningRequestId();
        if (id != null) {
            return id;
        }
        ActiveInvocation last = latest;
        return last == null ? null : last.requestId;
    }

    /**
     * Runs what {@link #enter} and {@link #exit} run the first time, on objects of its own: loads their classes,
     * makes the method and var handles they use and links their call sites, so that the function's first
     * invocation does not. Called by the agent's start-up on its own thread; records nothing.
     */
    public void warmUp() {
        try {
            ActiveInvocation scratch = new ActiveInvocation();
            scratch.start();
            scratch.finish();
            InvocationRing ring = new InvocationRing(2);
            Invocation slot = ring.claim();
            if (slot != null) {
                ring.publish(slot);
                ring.release(ring.peek());
            }
            ContextReader.warmUp();
            if (options.triggers) {
                TriggerDetector.warmUp();
            }
        } catch (Throwable t) {
            // only the first invocation is slower
        }
    }

    /** Snapshot of the per-thread invocation states, for the watchdog. */
    public ActiveInvocation[] threads() {
        synchronized (threads) {
            ActiveInvocation[] copy = new ActiveInvocation[threadCount];
            System.arraycopy(threads, 0, copy, 0, threadCount);
            return copy;
        }
    }

    private ActiveInvocation register() {
        ActiveInvocation invocation = new ActiveInvocation();
        synchronized (threads) {
            if (threadCount < threads.length) {
                threads[threadCount++] = invocation; // beyond that, a thread's invocations are not watched
            }
        }
        return invocation;
    }
}
