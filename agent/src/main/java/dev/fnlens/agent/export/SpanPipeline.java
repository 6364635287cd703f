package dev.fnlens.agent.export;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.invocation.InvocationSink;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * From the handler's thread to the collector without ever making the handler wait.
 *
 * <p>The handler's thread only offers the invocation to a bounded queue (full: dropped
 * and counted). One daemon thread, started by the first invocation, builds the
 * OpenTelemetry SDK (so its class loading happens after the first response, not before
 * it), turns invocations into spans and exports whatever has accumulated, at once.
 * A shutdown hook flushes what is left, bounded by {@code flush_timeout_ms}, so a
 * short-lived process keeps its spans and a dead collector cannot hold the exit.
 */
public final class SpanPipeline implements InvocationSink {
    private static final int MAX_BATCH = 512;
    private static final long POLL_MS = 100;

    private final AgentConfig config;
    private final long agentStartEpochNanos;
    private final BlockingQueue<Invocation> queue;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;
    private volatile Thread worker;

    public SpanPipeline(AgentConfig config, long agentStartEpochNanos) {
        this.config = config;
        this.agentStartEpochNanos = agentStartEpochNanos;
        this.queue = new ArrayBlockingQueue<>(config.queueSize());
    }

    @Override
    public void accept(Invocation invocation) {
        if (!queue.offer(invocation)) {
            dropped.incrementAndGet();
        }
        if (!started.get() && started.compareAndSet(false, true)) {
            start();
        }
    }

    /** Spans dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void start() {
        Thread thread = new Thread(new Worker(), "fnlens-export");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(new Flush(), "fnlens-flush"));
        } catch (IllegalStateException e) {
            // already shutting down: nothing left to wait for
        }
    }

    private final class Worker implements Runnable {
        @Override
        public void run() {
            OtlpExport export = null;
            try {
                List<Invocation> batch = new ArrayList<>();
                InvocationSpans spans = null;
                while (true) {
                    Invocation first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            break;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    if (spans == null) {
                        FunctionIdentity identity = FunctionIdentity.resolve(config, first.handlerClass(),
                                LocalDate.now(ZoneOffset.UTC));
                        export = OtlpExport.create(config, identity);
                        spans = new InvocationSpans(export.tracer(), identity,
                                ProcessStart.epochNanos(agentStartEpochNanos));
                    }
                    for (Invocation invocation : batch) {
                        try {
                            spans.record(invocation);
                        } catch (RuntimeException e) {
                            AgentLog.debug("could not record invocation " + invocation.requestId(), e);
                        }
                    }
                    batch.clear();
                    int result = export.exportEnded();
                    (result >= 0 ? exported : failed).addAndGet(Math.abs(result));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                AgentLog.debug("export stopped", t);
            } finally {
                if (export != null) {
                    try {
                        export.shutdown(config.exportTimeoutMs());
                    } catch (Throwable t) {
                        AgentLog.debug("exporter shutdown failed", t);
                    }
                }
            }
        }
    }

    private final class Flush implements Runnable {
        @Override
        public void run() {
            closing = true;
            Thread thread = worker;
            try {
                if (thread != null) {
                    thread.join(config.flushTimeoutMs());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AgentLog.debug("exported " + exported.get() + " spans, " + failed.get() + " in failed exports, "
                    + dropped.get() + " dropped (queue full)"
                    + (thread != null && thread.isAlive() ? "; flush timed out" : ""));
        }
    }
}
