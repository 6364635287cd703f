package dev.fnlens.collector.query;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Whether the heap is nearly full of live objects, as the last garbage collection left it. A query then gives up at its
 * next check ({@link QueryMemoryException}) instead of running the heap out: the {@code OutOfMemoryError} would strike
 * whichever thread allocates next, the write-ahead log's or an indexing thread as well as the query's. What a collection
 * leaves is what is live; the heap's use at any other moment counts garbage too.
 */
final class HeapPressure {
    /** Share of the heap still in use after a collection above which queries give up. */
    static final double LIMIT = 0.9;
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).collect(Collectors.toUnmodifiableSet());
    /** How often, at most, a full collection checks that a nearly full heap is not old garbage. */
    private static final long FULL_CHECK_NANOS = 1_000_000_000L;
    /** The heap's limit ({@code -Xmx}), which does not change. */
    private static final long MAX_HEAP = Runtime.getRuntime().maxMemory();
    private static volatile long usedAfterLastCollection;
    private static long lastFullCheck = System.nanoTime() - FULL_CHECK_NANOS;

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> collected(notification),
                        n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
            }
        }
    }

    private HeapPressure() {
    }

    /**
     * Whether the last collection left more than {@link #LIMIT} of the heap in use. A young collection leaves the old
     * generation's garbage in place, so before saying yes a full collection makes sure (at most once a second; until
     * the next, the last answer stands).
     */
    static boolean high() {
        if (!above()) {
            return false;
        }
        synchronized (HeapPressure.class) {
            if (System.nanoTime() - lastFullCheck >= FULL_CHECK_NANOS) {
                collect();
                lastFullCheck = System.nanoTime();
            }
        }
        return above();
    }

    private static boolean above() {
        return usedAfterLastCollection > LIMIT * MAX_HEAP;
    }

    /** Share of the heap in use after the last collection, in percent. */
    static long percentUsed() {
        return Math.round(100.0 * usedAfterLastCollection / MAX_HEAP);
    }

    /**
     * Collects now and takes what is left as the heap in use. After a query was given up, so that what it held counts
     * as free at once rather than at the next collection, which a quiet collector may not need for a long time.
     */
    static void collect() {
        System.gc();
        usedAfterLastCollection = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void collected(Notification notification) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        usedAfterLastCollection = used;
    }
}
