package dev.fnlens.agent.export;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.invocation.PeakMemory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Memory and GC figures read off the handler's thread, when an invocation is exported: the peak
 * resident set since the previous invocation was recorded (then the peak is reset), the process's
 * peak so far, and the stop-the-world GC pauses that began during the invocation (from the JVM's GC
 * notifications, kept in a small ring).
 */
final class ProcessStats {
    private static final int GC_RING = 256;

    private final boolean enabled;
    private long processPeakKib;
    private boolean resettable = true;
    private boolean gcListening;
    private long jvmStartEpochMillis;
    // GC pauses: start (ms since JVM start) and duration (ms), oldest overwritten
    private final long[] gcStart = new long[GC_RING];
    private final long[] gcDuration = new long[GC_RING];
    private long gcCount;

    ProcessStats(boolean enabled) {
        this.enabled = enabled;
    }

    /** The measurements of a batch of invocations that ended since the last call. */
    synchronized InvocationSpans.Measured measure(Invocation invocation, boolean firstOfBatch, long batchPeakKib) {
        if (!enabled) {
            return InvocationSpans.Measured.NONE;
        }
        long peakMb = processPeakKib > 0 ? PeakMemory.kibToMb(processPeakKib) : PeakMemory.committedHeapMb();
        long invocationMb = batchPeakKib > 0 ? PeakMemory.kibToMb(batchPeakKib) : -1;
        return new InvocationSpans.Measured(peakMb, invocationMb, gcPauseMs(invocation));
    }

    /** Reads the peak since the last reading (and resets it); returns it in KiB, or -1. */
    synchronized long samplePeak() {
        if (!enabled) {
            return -1;
        }
        long kib = PeakMemory.peakKib();
        if (kib <= 0) {
            return -1;
        }
        processPeakKib = Math.max(processPeakKib, kib);
        if (resettable) {
            resettable = PeakMemory.resetPeak();
        }
        return kib;
    }

    /** Starts listening to GC notifications; later invocations get their pause time. */
    synchronized void listenToGc() {
        if (!enabled || gcListening) {
            return;
        }
        gcListening = true;
        try {
            jvmStartEpochMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter) {
                    ((NotificationEmitter) gc).addNotificationListener(new NotificationListener() {
                        @Override
                        public void handleNotification(Notification notification, Object handback) {
                            onGc(notification, handback);
                        }
                    }, null, null);
                }
            }
        } catch (Throwable t) {
            AgentLog.debug("no GC notifications", t);
        }
    }

    private void onGc(Notification notification, Object handback) {
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
                return; // concurrent work is no pause
            }
            synchronized (this) {
                int i = (int) (gcCount++ % GC_RING);
                gcStart[i] = info.getGcInfo().getStartTime();
                gcDuration[i] = info.getGcInfo().getDuration();
            }
        } catch (Throwable ignored) {
            // a lost notification only understates GC time
        }
    }

    private double gcPauseMs(Invocation invocation) {
        if (!gcListening || jvmStartEpochMillis == 0) {
            return -1;
        }
        long start = invocation.startEpochNanos / 1_000_000 - jvmStartEpochMillis;
        long end = invocation.endEpochNanos() / 1_000_000 - jvmStartEpochMillis;
        long total = 0;
        long n = Math.min(gcCount, GC_RING);
        for (int k = 0; k < n; k++) {
            if (gcStart[k] >= start && gcStart[k] <= end) {
                total += gcDuration[k];
            }
        }
        return total;
    }
}
