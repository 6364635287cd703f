package dev.fnlens.agent.logs;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.trigger.Reflect;

/**
 * What rewritten Log4j 2 code calls besides the appender bracket of {@link LogHooks}.
 *
 * <p>Stamping: the constructors of {@code Log4jLogEvent}, {@code RingBufferLogEvent.setValues} and
 * {@code MutableLogEvent.initTime}/{@code initFrom} run on the thread that logs (an {@code AsyncAppender}'s
 * memento is made there too, a mixed {@code AsyncLogger}'s ring slot is filled there) and store
 * {@link #stampRequestId} and {@link #stampEpochNanos} in fields the agent added ({@link StampedLogEvent}).
 * An event filled from a stamped event, or made inside an appender from another event (a memento on a
 * background thread), takes that event's stamp.
 *
 * <p>Direct console: a {@code Console} appender with {@code direct="true"} writes through its
 * {@code OutputStreamManager} to the file descriptor, past the {@code System.out} tee; what it writes
 * inside the appender bracket joins that event's text.
 *
 * <p>Nothing may escape from here. Stamping allocates nothing: it runs on the logging thread for every event.
 */
public final class Log4jHooks {
    private Log4jHooks() {
    }

    /** The request id of an event created now on this thread, or filled from {@code source} (may be null). */
    public static String stampRequestId(Object source) {
        try {
            if (source instanceof StampedLogEvent && ((StampedLogEvent) source).fnlens$epochNanos() != 0) {
                return ((StampedLogEvent) source).fnlens$requestId();
            }
            LogCapture capture = LogCapture.installed();
            if (capture == null) {
                return null;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.appendDepth > 0 && thread.appendStamped) {
                return thread.appendRequestId;
            }
            InvocationRecorder recorder = InvocationHooks.recorder();
            return recorder == null ? null : recorder.currentRequestId();
        } catch (Throwable t) {
            return null;
        }
    }

    /** The time of an event created now on this thread, or filled from {@code source}; 0 (not stamped) when capture is off. */
    public static long stampEpochNanos(Object source) {
        try {
            if (source instanceof StampedLogEvent && ((StampedLogEvent) source).fnlens$epochNanos() != 0) {
                return ((StampedLogEvent) source).fnlens$epochNanos();
            }
            LogCapture capture = LogCapture.installed();
            if (capture == null) {
                return 0;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.appendDepth > 0 && thread.appendStamped) {
                return thread.appendEpochNanos;
            }
            return Clock.nowEpochNanos();
        } catch (Throwable t) {
            return 0;
        }
    }

    /** {@code OutputStreamManager.writeToDestination(bytes, offset, length)}, on entry. */
    public static void managerWrite(Object manager, byte[] bytes, int offset, int length) {
        try {
            LogCapture capture = LogCapture.installed();
            if (capture == null || bytes == null) {
                return;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.appendDepth > 0 && !thread.ignored && isDirectConsole(Reflect.string(manager, "getName"))) {
                thread.appended.append(bytes, offset, length);
            }
        } catch (Throwable ignored) {
            // logging goes on
        }
    }

    /**
     * A {@code Console} appender's manager is named {@code <target>.<follow>.<direct>}, e.g.
     * {@code SYSTEM_OUT.false.true}. Only direct ones bypass {@code System.out}: the others are already
     * seen by the console tee, and file managers are not console output.
     */
    static boolean isDirectConsole(String managerName) {
        return managerName != null && managerName.endsWith(".true")
                && (managerName.startsWith("SYSTEM_OUT.") || managerName.startsWith("SYSTEM_ERR."));
    }
}
