package dev.fnlens.agent.logs;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.trigger.Reflect;
import java.nio.charset.StandardCharsets;

/**
 * The static methods that rewritten logging code calls. Appenders (Logback's {@code doAppend},
 * Log4j 2's {@code callAppender}, java.util.logging through {@link JulCapture}) bracket one event:
 * what the appender prints to the console meanwhile becomes one record with the event's level.
 * A Log4j 2 event that carries a stamp ({@link StampedLogEvent}) is recorded with its stamp's request id
 * and time, wherever and whenever its appender runs. LambdaLogger's {@code log} methods give their
 * message directly. Nothing may escape from here.
 */
public final class LogHooks {
    private LogHooks() {
    }

    public static void appendEnter(Object event, Object unused, String source) {
        try {
            LogCapture capture = LogCapture.installed();
            if (capture == null) {
                return;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.appendDepth++ == 0) {
                thread.appendLevel = levelOf(event);
                thread.appendSource = source;
                long stamped = event instanceof StampedLogEvent ? ((StampedLogEvent) event).fnlens$epochNanos() : 0;
                thread.appendStamped = stamped != 0;
                thread.appendRequestId = stamped != 0 ? ((StampedLogEvent) event).fnlens$requestId() : null;
                thread.appendEpochNanos = stamped != 0 ? stamped : Clock.nowEpochNanos();
                thread.appended.reset();
            }
        } catch (Throwable ignored) {
            // logging goes on
        }
    }

    public static void appendExit() {
        try {
            LogCapture capture = LogCapture.installed();
            if (capture == null) {
                return;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.appendDepth == 0 || --thread.appendDepth > 0) {
                return;
            }
            LogCapture.Bytes bytes = thread.appended;
            if (bytes.length > 0 && !thread.ignored) {
                String body = LogCapture.text(bytes.data, bytes.length);
                String level = thread.appendLevel != null ? thread.appendLevel : LevelSniffer.level(body, "INFO");
                if (thread.appendStamped) {
                    // created by another thread, or earlier: the invocation it was logged in, not the current one
                    capture.emit(thread.appendRequestId, thread.appendEpochNanos, level, body, thread.appendSource);
                } else {
                    capture.emit(thread.appendEpochNanos, level, body, thread.appendSource);
                }
            }
            bytes.reset();
            thread.appendStamped = false;
            thread.appendRequestId = null;
        } catch (Throwable ignored) {
            // logging goes on
        }
    }

    public static void lambdaLogEnter(Object message, Object level, String source) {
        try {
            LogCapture capture = LogCapture.installed();
            if (capture == null) {
                return;
            }
            LogCapture.ThreadLog thread = capture.thread();
            if (thread.lambdaDepth++ > 0 || thread.ignored) {
                return;
            }
            byte[] bytes = message instanceof byte[] ? (byte[]) message
                    : String.valueOf(message).getBytes(StandardCharsets.UTF_8);
            if (thread.appendDepth > 0) {
                // an appender writing through LambdaLogger (aws-lambda-java-log4j2): part of that event
                thread.appended.append(bytes, 0, bytes.length);
                return;
            }
            String body = LogCapture.text(bytes, bytes.length);
            String named = level == null ? null : LevelSniffer.normalise(level.toString());
            capture.emit(Clock.nowEpochNanos(), named != null ? named : LevelSniffer.level(body, "INFO"), body,
                    source);
        } catch (Throwable ignored) {
            // logging goes on
        }
    }

    public static void lambdaLogExit() {
        try {
            LogCapture capture = LogCapture.installed();
            if (capture != null) {
                LogCapture.ThreadLog thread = capture.thread();
                if (thread.lambdaDepth > 0) {
                    thread.lambdaDepth--;
                }
            }
        } catch (Throwable ignored) {
            // logging goes on
        }
    }

    /** Logback's and Log4j 2's events have {@code getLevel()}; JUL's records too. */
    static String levelOf(Object event) {
        Object level = Reflect.get(event, "getLevel");
        return level == null ? null : LevelSniffer.normalise(level.toString());
    }
}
