package dev.fnlens.agent.export;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.invocation.InvocationRing;
import dev.fnlens.agent.logs.LogCapture;
import dev.fnlens.agent.logs.LogEntry;
import dev.fnlens.agent.logs.LogQueue;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * From the queues to the collector without ever making the handler wait.
 *
 * <p>Handler threads only fill the invocation ring and the log queue (full: dropped and counted).
 * Whoever sends — the background worker every {@value #POLL_MS} ms, the Lambda extension after each
 * response, the watchdog before a deadline, the shutdown hook — drains them under one lock, turns
 * them into spans and log records, and starts at most one export of each kind at a time; an export
 * still in flight (a slow collector) leaves the rest waiting in the bounded queues. The OpenTelemetry
 * SDK is built by the first send, which comes after the first invocation has ended. Exports that fail
 * are counted with the drops and reported on a later span and as a log line once the collector takes
 * data again.
 */
public final class ExportPipeline {
    static final long POLL_MS = 100;
    private static final int MAX_BATCH = 512;
    private static final int MAX_LOG_BATCH = 2048;

    private final AgentConfig config;
    private final long agentStartEpochNanos;
    private final InvocationRing ring;
    private final LogQueue logQueue;
    private final ProcessStats stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong lostInvocations = new AtomicLong();
    private final AtomicLong lostLogs = new AtomicLong();
    private final AtomicLong exportedInvocations = new AtomicLong();
    private final List<LogEntry> logBatch = new ArrayList<>();
    private volatile String handlerHint;
    private volatile boolean exporting;
    private volatile boolean healthy = true;
    private volatile boolean closing;
    private volatile Thread worker;
    private volatile Runnable housekeeping;
    private volatile java.util.function.BooleanSupplier extensionRegistered = () -> false;
    private volatile OtlpExport export;
    private InvocationSpans spans;
    private LogRecords logRecords;
    private OtlpExport.Sent spansInFlight;
    private OtlpExport.Sent logsInFlight;
    private long reportedInvocationDrops;
    private long reportedLogDrops;

    public ExportPipeline(AgentConfig config, InvocationRing ring, LogQueue logQueue, long agentStartEpochNanos) {
        this.config = config;
        this.ring = ring;
        this.logQueue = logQueue;
        this.agentStartEpochNanos = agentStartEpochNanos;
        this.stats = new ProcessStats(config.features().memory());
    }

    /** An invocation started: its handler names the function when the configuration does not. */
    public void invocationStarted(String handlerClass) {
        if (handlerHint == null) {
            handlerHint = handlerClass;
        }
    }

    /** An invocation has ended: exporting may begin (the SDK is built off the handler's path). */
    public void invocationEnded() {
        if (!exporting) {
            exporting = true;
            startWorker();
        }
    }

    /** Whether the last export reached the collector. */
    public boolean healthy() {
        return healthy;
    }

    private synchronized void startWorker() {
        if (worker != null) {
            return;
        }
        Thread thread = new Thread(this::work, "fnlens-export");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "fnlens-flush"));
        } catch (IllegalStateException e) {
            // already shutting down: nothing left to wait for
        }
    }

    /** Something to do now and then on the export thread, off the handler's path. */
    public void setHousekeeping(Runnable task) {
        this.housekeeping = task;
    }

    /**
     * When the Lambda extension is registered it sends after each response; the export thread then
     * does not start building the SDK as the first invocation ends (the response is still being sent).
     */
    public void setExtension(java.util.function.BooleanSupplier registered) {
        this.extensionRegistered = registered;
    }

    private void work() {
        LogCapture.ignoreCurrentThread();
        boolean first = true;
        while (!closing) {
            if (!first || extensionRegistered.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
            first = false;
            try {
                Runnable task = housekeeping;
                if (task != null) {
                    task.run();
                }
                send();
            } catch (Throwable t) {
                AgentLog.debug("export failed", t);
            }
        }
    }

    /**
     * Sends what is waiting, then waits up to {@code waitMs} for the collector to take it; repeats
     * while more is waiting and time is left. Does not wait at all while the collector is failing, and
     * a collector that does not answer in time counts as failing until an export succeeds again, so a
     * stalled collector costs one wait, not one per invocation. The SDK is built by the export thread:
     * if it is not ready in time, this returns and the export thread sends later.
     *
     * @return whether everything sent was taken in time
     */
    public boolean flush(long waitMs) {
        return flush(waitMs, false);
    }

    /** As {@link #flush(long)}, but builds the SDK on this thread if need be (before a deadline, at exit). */
    public boolean flushNow(long waitMs) {
        return flush(waitMs, true);
    }

    private boolean flush(long waitMs, boolean mayBuild) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        exporting = true;
        if (!mayBuild && export == null) {
            startWorker();
            LockSupport.unpark(worker);
            while (export == null && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        boolean mayWait = healthy;
        for (int round = 0; round < 3; round++) {
            CompletableResultCode result = send(deadline, mayBuild);
            if (result == null || !mayWait) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                result.join(left, TimeUnit.NANOSECONDS);
            }
            if (!result.isDone()) {
                healthy = false;
                return false;
            }
            if (!result.isSuccess()) {
                return false;
            }
            if (ring.backlog() == 0 && logQueue.isEmpty()) {
                return true;
            }
        }
        return true;
    }

    /** Drains the queues and starts exports; returns their combined result (success when nothing was sent). */
    public CompletableResultCode send() {
        CompletableResultCode result = send(Long.MAX_VALUE, true);
        return result != null ? result : CompletableResultCode.ofFailure();
    }

    /** As {@link #send()}, waiting for the lock until {@code deadlineNanos}; null when that or the SDK failed. */
    private CompletableResultCode send(long deadlineNanos, boolean mayBuild) {
        if (!exporting) {
            return CompletableResultCode.ofSuccess();
        }
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                lock.lock();
            } else if (!lock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            if (export == null && !mayBuild || !ensureExport()) {
                return null;
            }
            List<CompletableResultCode> results = new ArrayList<>(2);
            InvocationSpans.Drops drops = InvocationSpans.Drops.NONE;
            String firstRequestId = null;
            if (spansInFlight == null || spansInFlight.result().isDone()) {
                drops = pendingDrops();
                firstRequestId = recordInvocations(drops);
                OtlpExport.Sent sent = export.exportSpans();
                if (sent != null) {
                    InvocationSpans.Drops reported = drops;
                    sent.result().whenComplete(() -> spansDone(sent, reported));
                    spansInFlight = sent;
                    results.add(sent.result());
                }
            } else {
                results.add(spansInFlight.result());
            }
            if (logsInFlight == null || logsInFlight.result().isDone()) {
                if (drops.any() && firstRequestId != null) {
                    logRecords.record(dropNotice(drops, firstRequestId));
                }
                recordLogs();
                OtlpExport.Sent sent = export.exportLogs();
                if (sent != null) {
                    sent.result().whenComplete(() -> logsDone(sent));
                    logsInFlight = sent;
                    results.add(sent.result());
                }
            } else {
                results.add(logsInFlight.result());
            }
            return results.isEmpty() ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofAll(results);
        } finally {
            lock.unlock();
        }
    }


    /** Builds the SDK on first use (never on the handler's thread). */
    private boolean ensureExport() {
        if (export != null) {
            return true;
        }
        try {
            FunctionIdentity identity = FunctionIdentity.resolve(config, handlerHint, LocalDate.now(ZoneOffset.UTC));
            OtlpExport created = OtlpExport.create(config, identity);
            spans = new InvocationSpans(created.tracer(), identity, ProcessStart.epochNanos(agentStartEpochNanos),
                    config.initializationType(), config.features().traceContext());
            logRecords = new LogRecords(created.logger());
            stats.listenToGc();
            export = created;
            return true;
        } catch (Throwable t) {
            AgentLog.debug("could not build the exporter", t);
            return false;
        }
    }

    /** Builds the OpenTelemetry SDK ahead of need, e.g. before a deadline that may need a fast export. */
    public void prepare() {
        lock.lock();
        try {
            ensureExport();
        } finally {
            lock.unlock();
        }
    }

    private String recordInvocations(InvocationSpans.Drops drops) {
        Invocation first = ring.peek();
        if (first == null) {
            return null;
        }
        String firstRequestId = first.requestId;
        long batchPeakKib = stats.samplePeak();
        int n = 0;
        for (Invocation invocation = first; invocation != null && n < MAX_BATCH; invocation = ring.peek(), n++) {
            try {
                InvocationSpans.Measured measured = stats.measure(invocation, n == 0, batchPeakKib);
                SpanContext span = spans.record(invocation, measured, n == 0 ? drops : InvocationSpans.Drops.NONE);
                logRecords.spanRecorded(invocation.requestId, span);
            } catch (RuntimeException e) {
                AgentLog.debug("could not record invocation " + invocation.requestId, e);
            } finally {
                ring.release(invocation);
            }
        }
        return firstRequestId;
    }

    private void recordLogs() {
        logBatch.clear();
        logQueue.drainTo(logBatch, MAX_LOG_BATCH);
        for (LogEntry entry : logBatch) {
            try {
                logRecords.record(entry);
            } catch (RuntimeException e) {
                lostLogs.incrementAndGet();
            }
        }
        logBatch.clear();
    }

    private synchronized InvocationSpans.Drops pendingDrops() {
        long invocations = ring.dropped() + lostInvocations.get() - reportedInvocationDrops;
        long logs = logQueue.dropped() + lostLogs.get() - reportedLogDrops;
        return invocations > 0 || logs > 0 ? new InvocationSpans.Drops(invocations, logs)
                : InvocationSpans.Drops.NONE;
    }

    private void spansDone(OtlpExport.Sent sent, InvocationSpans.Drops reported) {
        if (sent.result().isSuccess()) {
            healthy = true;
            exportedInvocations.addAndGet(sent.items());
            synchronized (this) {
                reportedInvocationDrops += reported.invocations();
                reportedLogDrops += reported.logRecords();
            }
        } else {
            healthy = false;
            lostInvocations.addAndGet(sent.items());
            AgentLog.debug("span export failed", sent.result().getFailureThrowable());
        }
    }

    private void logsDone(OtlpExport.Sent sent) {
        if (sent.result().isSuccess()) {
            healthy = true;
        } else {
            healthy = false;
            lostLogs.addAndGet(sent.items());
        }
    }

    private static LogEntry dropNotice(InvocationSpans.Drops drops, String requestId) {
        return new LogEntry(dev.fnlens.agent.invocation.Clock.nowEpochNanos(), requestId, "WARN",
                "[fnlens] telemetry lost while the collector was unreachable or the agent's queues were full: "
                        + drops.invocations() + " invocation records, " + drops.logRecords() + " log records",
                "fnlens");
    }

    private void shutdown() {
        closing = true;
        Thread thread = worker;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        try {
            flushNow(config.flushTimeoutMs());
            if (export != null) {
                export.shutdown(Math.min(500, config.flushTimeoutMs()));
            }
        } catch (Throwable t) {
            AgentLog.debug("final flush failed", t);
        }
        AgentLog.debug("exported " + exportedInvocations.get() + " invocations; lost " + lostInvocations.get()
                + " in failed exports, " + ring.dropped() + " to a full queue; log records lost: "
                + (lostLogs.get() + logQueue.dropped()));
    }
}
