package dev.fnlens.agent.runtime;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.export.ExportPipeline;
import dev.fnlens.agent.invocation.ActiveInvocation;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.logs.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ships a timeout record before the environment is killed. Lambda (and the local runtime) end an
 * environment at its invocation's deadline, so a record written after it would be lost: at
 * {@code deadline - margin} an invocation still running is recorded as timed out (its handler's
 * own return then records nothing) and exported at once, within the time left. A second earlier
 * on, the exporter is built if it was not yet, so the export itself is quick.
 *
 * <p>Started with the first invocation that has a deadline; it never touches the handler's thread.
 */
public final class Watchdog implements Runnable {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long PREPARE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Kept back from the deadline for the process to still be there when the export completes. */
    private static final long SAFETY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final InvocationRecorder recorder;
    private final ExportPipeline pipeline;
    private final long marginNanos;
    private volatile boolean started;
    private boolean prepared;

    public Watchdog(InvocationRecorder recorder, ExportPipeline pipeline, long marginMs) {
        this.recorder = recorder;
        this.pipeline = pipeline;
        this.marginNanos = TimeUnit.MILLISECONDS.toNanos(marginMs);
    }

    /** Called as an invocation starts: costs one volatile read once running. */
    public void watch(ActiveInvocation invocation) {
        if (!started && invocation.deadlineNanos() != 0) {
            start();
        }
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(this, "fnlens-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        LogCapture.ignoreCurrentThread();
        while (true) {
            long now = System.nanoTime();
            long next = now + IDLE_NANOS;
            for (ActiveInvocation invocation : recorder.threads()) {
                long deadline = invocation.deadlineNanos();
                if (!invocation.isRunning() || deadline == 0) {
                    continue;
                }
                long fireAt = deadline - marginNanos;
                if (now >= fireAt) {
                    timeOut(invocation, deadline);
                    continue;
                }
                if (!prepared && now >= fireAt - PREPARE_NANOS) {
                    prepared = true;
                    pipeline.prepare();
                    now = System.nanoTime();
                }
                next = Math.min(next, prepared ? fireAt : fireAt - PREPARE_NANOS);
            }
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
        }
    }

    private void timeOut(ActiveInvocation invocation, long deadline) {
        try {
            String requestId = recorder.timeOut(invocation);
            if (requestId == null) {
                return;
            }
            long left = deadline - SAFETY_NANOS - System.nanoTime();
            boolean sent = pipeline.flushNow(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            AgentLog.debug("invocation " + requestId + " timed out; record " + (sent ? "sent" : "not confirmed"));
        } catch (Throwable t) {
            AgentLog.debug("timeout record failed", t);
        }
    }
}
