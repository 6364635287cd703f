package dev.fnlens.agent.logs;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.trigger.Reflect;

/**
 * What rewritten Log4j 2 code calls besides the appender bracket of {@link LogHooks}.
 *
 * <p>Stamping: the constructors of {@code Log4jLogEvent} and {@code RingBufferLogEvent.setValues} run on
 * the thread that logs (for an {@code AsyncAppender}, its memento is made there too) and store
 * {@link #stampRequestId()} and {@link #stampEpochNanos()} in fields the agent added
 * ({@link StampedLogEvent}). An event made inside an appender from another event (a memento on a
 * background thread) inherits that event's stamp.
 *
 * <p>Direct console: a {@code Console} appender with {@code direct="true"} writes through its
 * {@code OutputStreamManager} to the file descriptor, past the {@code System.out} tee; what it writes
 * inside the appender bracket joins that event's text.
 *
 * <p>Nothing may escape from here; nothing allocates.
 */
public final class Log4jHooks {
    private Log4jHooks() {
    }

    /** The request id an event created now on this thread belongs to. */
    public static String stampRequestId() {
        try {
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

    /** The time of an event created now on this thread; 0 (not stamped) when capture is off. */
    public static long stampEpochNanos() {
        try {
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
