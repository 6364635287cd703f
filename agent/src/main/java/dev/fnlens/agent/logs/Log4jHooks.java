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
 * memento is made there too, a mixed {@code AsyncLogger}'s ring slot is filled there) and call {@link #stamp},
 * which sets the fields the agent added ({@link StampedLogEvent}).
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

    /**
     * Stamps {@code event}, created or filled now on this thread: with the stamp of {@code source} (the event it
     * is filled from, may be null) or of the event being appended on this thread, else with the invocation in
     * progress and the time. Left unstamped when capture is off.
     */
    public static void stamp(Object event, Object source) {
        try {
            if (source instanceof StampedLogEvent from && from.fnlens$epochNanos() != 0) {
                ((StampedLogEvent) event).fnlens$stamp(from.fnlens$requestId(), from.fnlens$epochNanos());
                return;
            }
            LogCapture capture = LogCapture.installed();
            if (capture == null) {
                return;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.appendDepth > 0 && thread.appendStamped) {
                ((StampedLogEvent) event).fnlens$stamp(thread.appendRequestId, thread.appendEpochNanos);
                return;
            }
            InvocationRecorder recorder = InvocationHooks.recorder();
            ((StampedLogEvent) event).fnlens$stamp(recorder == null ? null : recorder.currentRequestId(),
                    Clock.nowEpochNanos());
        } catch (Throwable ignored) {
            // logging goes on, the event unstamped
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
