package dev.fnlens.collector.background;

import org.slf4j.Logger;

/**
 * Background work that outlives what it throws, errors included. An executor cancels a periodic task for good the
 * first time it throws, and a thread ends when its loop lets an error through: one query that runs the heap out
 * (the {@code OutOfMemoryError} may strike any thread that allocates meanwhile) would otherwise stop refreshing
 * searchers, evaluating an alert rule or sending notifications, silently, until a restart.
 */
public final class Guarded {
    private Guarded() {
    }

    /** {@code task}, logging anything it throws instead of passing it on. */
    public static Runnable task(Logger log, String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                log(log, what, e);
            }
        };
    }

    /** Logs that {@code what} failed, never throwing itself: out of memory, the logging may fail as well. */
    public static void log(Logger log, String what, Throwable e) {
        try {
            log.error("{} failed; going on", what, e);
        } catch (Throwable ignored) {
            // nothing left to tell it with
        }
    }
}
