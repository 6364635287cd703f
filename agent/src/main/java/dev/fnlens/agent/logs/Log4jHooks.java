package dev.fnlens.agent.logs;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;

/**
 * What rewritten Log4j 2 code calls besides the appender bracket of {@link LogHooks}.
 *
 * <p>Stamping: the constructors of {@code Log4jLogEvent} and {@code RingBufferLogEvent.setValues} run on
 * the thread that logs (for an {@code AsyncAppender}, its memento is made there too) and store
 * {@link #stampRequestId()} and {@link #stampEpochNanos()} in fields the agent added
 * ({@link StampedLogEvent}). An event made inside an appender from another event (a memento on a
 * background thread) inherits that event's stamp.
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
}
