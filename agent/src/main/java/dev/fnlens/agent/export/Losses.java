package dev.fnlens.agent.export;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationRing;
import dev.fnlens.agent.logs.LogEntry;
import dev.fnlens.agent.logs.LogQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent lost — to full queues, to failed exports, to records it could not encode — and what of
 * that it has told the collector: a loss is reported on the next span sent, and counts as told once that
 * span's export succeeded.
 */
final class Losses {
    private final InvocationRing ring;
    private final LogQueue logQueue;
    private final AtomicLong lostInvocations = new AtomicLong();
    private final AtomicLong lostLogs = new AtomicLong();
    private final AtomicLong exportedInvocations = new AtomicLong();
    private long reportedInvocations;
    private long reportedLogs;

    Losses(InvocationRing ring, LogQueue logQueue) {
        this.ring = ring;
        this.logQueue = logQueue;
    }

    void invocationLost() {
        lostInvocations.incrementAndGet();
    }

    void logLost() {
        lostLogs.incrementAndGet();
    }

    /** Losses not yet reported to the collector. */
    synchronized InvocationSpans.Drops unreported() {
        long invocations = ring.dropped() + lostInvocations.get() - reportedInvocations;
        long logs = logQueue.dropped() + lostLogs.get() - reportedLogs;
        return invocations > 0 || logs > 0 ? new InvocationSpans.Drops(invocations, logs)
                : InvocationSpans.Drops.NONE;
    }

    /** A span export ended: its spans arrived (and with them the report of {@code reported}), or are lost. */
    void spansSent(int spans, InvocationSpans.Drops reported, boolean ok) {
        if (ok) {
            exportedInvocations.addAndGet(spans);
            synchronized (this) {
                reportedInvocations += reported.invocations();
                reportedLogs += reported.logRecords();
            }
        } else {
            lostInvocations.addAndGet(spans);
        }
    }

    void logsSent(int records, boolean ok) {
        if (!ok) {
            lostLogs.addAndGet(records);
        }
    }

    /** The WARN line that tells the function's log about a loss. */
    static LogEntry notice(InvocationSpans.Drops drops, String requestId) {
        return new LogEntry(Clock.nowEpochNanos(), requestId, "WARN",
                "[fnlens] telemetry lost while the collector was unreachable or the agent's queues were full: "
                        + drops.invocations() + " invocation records, " + drops.logRecords() + " log records",
                "fnlens");
    }

    String summary() {
        return "exported " + exportedInvocations.get() + " invocations; lost " + lostInvocations.get()
                + " in failed exports, " + ring.dropped() + " to a full queue; log records lost: "
                + (lostLogs.get() + logQueue.dropped());
    }
}
