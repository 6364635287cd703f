package dev.fnlens.agent.export;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.invocation.InvocationRing;
import dev.fnlens.agent.logs.LogCapture;
import dev.fnlens.agent.logs.LogEntry;
import dev.fnlens.agent.logs.LogQueue;
import dev.fnlens.agent.otlp.OtlpBatch;
import dev.fnlens.agent.trace.SpanContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * From the queues to the collector without ever making the handler wait.
 *
 * <p>Handler threads only fill the invocation ring and the log queue (full: dropped and counted).
 * Whoever sends — the background worker every {@value #POLL_MS} ms, the Lambda extension after each
 * response, the watchdog before a deadline, the shutdown hook — drains them under one lock, turns
 * them into OTLP requests, and hands at most one export of each kind at a time to the one export thread,
 * which does all network I/O (spans first); an export still in flight (a slow collector) leaves the rest
 * waiting in the bounded queues. The exporter is built by the first send, which comes after the first
 * invocation has ended. Exports that fail are counted with the drops and reported on a later span and as
 * a log line once the collector takes data again.
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
    private final Losses losses;
    private final List<LogEntry> logBatch = new ArrayList<>();
    private volatile String handlerHint;
    private volatile boolean exporting;
    private volatile boolean healthy = true;
    private volatile Thread worker;
    private boolean shutdownHookAdded;
    /** Anonymous classes rather than lambdas here: a lambda's bootstrap costs the function's start-up time. */
    private static final java.util.function.BooleanSupplier NOT_REGISTERED = new java.util.function.BooleanSupplier() {
        @Override
        public boolean getAsBoolean() {
            return false;
        }
    };
    private volatile Runnable housekeeping;
    private volatile java.util.function.BooleanSupplier extensionRegistered = NOT_REGISTERED;
    private volatile OtlpExport export;
    private InvocationSpans spans;
    private LogRecords logRecords;
    private volatile Export spansInFlight;
    private volatile Export logsInFlight;

    public ExportPipeline(AgentConfig config, InvocationRing ring, LogQueue logQueue, long agentStartEpochNanos) {
        this.config = config;
        this.ring = ring;
        this.logQueue = logQueue;
        this.agentStartEpochNanos = agentStartEpochNanos;
        this.stats = new ProcessStats(config.features().memory());
        this.losses = new Losses(ring, logQueue);
    }

    /** An invocation started: its handler names the function when the configuration does not. */
    public void invocationStarted(String handlerClass) {
        if (handlerHint == null) {
            handlerHint = handlerClass;
        }
    }

    /**
     * An invocation has ended: exporting may begin (the exporter is built off the handler's path). With the Lambda
     * extension registered, its flush after the response starts the export thread: not the handler's thread, whose
     * response is still to be sent.
     */
    public void invocationEnded() {
        if (exporting) {
            return;
        }
        if (extensionRegistered.getAsBoolean()) {
            addShutdownHook(); // the process may be stopped before the extension's first flush
        } else {
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
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                work();
            }
        }, "fnlens-export");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        addShutdownHook();
    }

    /** The last flush as the JVM exits; once, from the first invocation's end on. */
    private synchronized void addShutdownHook() {
        if (shutdownHookAdded) {
            return;
        }
        shutdownHookAdded = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
                @Override
                public void run() {
                    shutdown();
                }
            }, "fnlens-flush"));
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
     * does not start exporting as the first invocation ends (the response is still being sent).
     */
    public void setExtension(java.util.function.BooleanSupplier registered) {
        this.extensionRegistered = registered;
    }

    /** The export thread: now and then (or when woken) encodes what is waiting, then posts it. */
    private void work() {
        LogCapture.ignoreCurrentThread();
        boolean first = true;
        while (true) {
            if ((!first || extensionRegistered.getAsBoolean()) && !transmitPending()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
            first = false;
            try {
                Runnable task = housekeeping;
                if (task != null) {
                    task.run();
                }
                send();
                transmit();
            } catch (Throwable t) {
                AgentLog.debug("export failed", t);
            }
        }
    }

    private boolean transmitPending() {
        Export spans = spansInFlight;
        Export logs = logsInFlight;
        return spans != null && !spans.taken || logs != null && !logs.taken;
    }

    /**
     * Posts the exports handed over since the last call: both requests first (spans first: a timeout record
     * must not wait), then both answers, so the collector works on them at the same time.
     */
    private void transmit() {
        OtlpExport exporter = export;
        Export spans = claim(spansInFlight);
        Export logs = claim(logsInFlight);
        boolean spansOk = false;
        boolean logsOk = false;
        try {
            boolean spansSent = spans != null && exporter.send(spans.batch);
            boolean logsSent = logs != null && exporter.send(logs.batch);
            spansOk = spansSent && exporter.receive(spans.batch);
            logsOk = logsSent && exporter.receive(logs.batch);
        } finally {
            // even after an Error: an export that never completes would stop all later ones
            if (spans != null) {
                spans.batch.reset();
                losses.spansSent(spans.items, spans.reported, spansOk);
                spans.result.complete(spansOk);
            }
            if (logs != null) {
                logs.batch.reset();
                losses.logsSent(logs.items, logsOk);
                logs.result.complete(logsOk);
            }
            if (spans != null || logs != null) {
                healthy = (spans == null || spansOk) && (logs == null || logsOk);
            }
        }
    }

    private static Export claim(Export export) {
        if (export == null || export.taken) {
            return null;
        }
        export.taken = true;
        return export;
    }

    /**
     * Sends what is waiting, then waits up to {@code waitMs} for the collector to take it; repeats
     * while more is waiting and time is left. Does not wait at all while the collector is failing, and
     * a collector that does not answer in time counts as failing until an export succeeds again, so a
     * stalled collector costs one wait, not one per invocation.
     *
     * @return whether everything sent was taken in time
     */
    public boolean flush(long waitMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        exporting = true;
        startWorker();
        boolean mayWait = healthy;
        for (int round = 0; round < 3; round++) {
            List<ExportResult> results = send(deadline);
            if (results == null) {
                return false;
            }
            LockSupport.unpark(worker);
            if (!mayWait) {
                return false;
            }
            for (ExportResult result : results) {
                try {
                    if (!result.await(deadline)) {
                        healthy = false;
                        return false;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (!result.isSuccess()) {
                    return false;
                }
            }
            if (ring.backlog() == 0 && logQueue.isEmpty()) {
                return true;
            }
        }
        return true;
    }

    /** As {@link #flush(long)}: before a deadline, at exit. */
    public boolean flushNow(long waitMs) {
        return flush(waitMs);
    }

    /** Drains the queues into exports for the export thread, unless one of that kind is still in flight. */
    private void send() {
        send(Long.MAX_VALUE);
    }

    /**
     * As {@link #send()}, waiting for the lock until {@code deadlineNanos}; returns the results of what is
     * in flight now (new or older), or null when the lock or the exporter was not to be had.
     */
    private List<ExportResult> send(long deadlineNanos) {
        if (!exporting) {
            return List.of();
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
            if (!ensureExport()) {
                return null;
            }
            List<ExportResult> results = new ArrayList<>(2);
            InvocationSpans.Drops drops = InvocationSpans.Drops.NONE;
            String firstRequestId = null;
            Export spansBefore = spansInFlight;
            if (spansBefore == null || spansBefore.result.isDone()) {
                drops = losses.unreported();
                firstRequestId = recordInvocations(drops);
                if (export.spans.count() > 0) {
                    spansInFlight = new Export(export.spans, drops);
                }
            }
            if (spansInFlight != null && spansInFlight != spansBefore) {
                results.add(spansInFlight.result);
            } else if (spansBefore != null && !spansBefore.result.isDone()) {
                results.add(spansBefore.result);
            }
            Export logsBefore = logsInFlight;
            if (logsBefore == null || logsBefore.result.isDone()) {
                if (drops.any() && firstRequestId != null) {
                    recordLog(Losses.notice(drops, firstRequestId));
                }
                recordLogs();
                if (export.logs.count() > 0) {
                    logsInFlight = new Export(export.logs, InvocationSpans.Drops.NONE);
                }
            }
            if (logsInFlight != null && logsInFlight != logsBefore) {
                results.add(logsInFlight.result);
            } else if (logsBefore != null && !logsBefore.result.isDone()) {
                results.add(logsBefore.result);
            }
            return results;
        } finally {
            lock.unlock();
        }
    }

    /** One request handed to the export thread. */
    private static final class Export {
        final OtlpBatch batch;
        final int items;
        final InvocationSpans.Drops reported;
        final ExportResult result = new ExportResult();
        /** Set by the export thread as it starts posting. */
        volatile boolean taken;

        Export(OtlpBatch batch, InvocationSpans.Drops reported) {
            this.batch = batch;
            this.items = batch.count();
            this.reported = reported;
        }
    }

    /** Builds the exporter on first use (never on the handler's thread). */
    private boolean ensureExport() {
        if (export != null) {
            return true;
        }
        try {
            FunctionIdentity identity = FunctionIdentity.resolve(config, handlerHint, LocalDate.now(ZoneOffset.UTC));
            OtlpExport created = OtlpExport.create(config, identity);
            spans = new InvocationSpans(identity, ProcessStart.epochNanos(agentStartEpochNanos),
                    config.initializationType(), config.features().traceContext());
            logRecords = new LogRecords();
            stats.listenToGc();
            export = created;
            return true;
        } catch (Throwable t) {
            AgentLog.debug("could not build the exporter", t);
            return false;
        }
    }

    /** Builds the exporter ahead of need, e.g. before a deadline that may need a fast export. */
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
            int before = export.spans.size();
            try {
                InvocationSpans.Measured measured = stats.measure(invocation, n == 0, batchPeakKib);
                SpanContext span = spans.record(invocation, measured, n == 0 ? drops : InvocationSpans.Drops.NONE,
                        export.spans);
                logRecords.spanRecorded(invocation.requestId, span);
            } catch (RuntimeException e) {
                export.spans.abandonItem(before);
                losses.invocationLost();
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
            recordLog(entry);
        }
        logBatch.clear();
    }

    private void recordLog(LogEntry entry) {
        int before = export.logs.size();
        try {
            logRecords.record(entry, export.logs);
        } catch (RuntimeException e) {
            export.logs.abandonItem(before);
            losses.logLost();
        }
    }

    private void shutdown() {
        try {
            flushNow(config.flushTimeoutMs());
        } catch (Throwable t) {
            AgentLog.debug("final flush failed", t);
        }
        AgentLog.debug(losses.summary());
    }
}
