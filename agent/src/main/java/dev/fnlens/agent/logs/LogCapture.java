package dev.fnlens.agent.logs;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import java.nio.charset.StandardCharsets;

/**
 * Turns what the function writes into {@link LogEntry}s: console lines, one entry per logging
 * framework event, LambdaLogger messages. Tags each with the invocation's request id, applies
 * sampling, and offers it to the bounded queue. Shared by the console tee and the logging hooks.
 */
public final class LogCapture {
    /** One event is cut beyond this (CloudWatch takes 256 KB; the rest is rarely read). */
    static final int MAX_ENTRY_BYTES = 64 * 1024;

    private static volatile LogCapture installed;

    private final LogQueue queue;
    private final double sampleRate;
    private final ThreadLocal<ThreadLog> threads = new ThreadLocal<ThreadLog>() {
        @Override
        protected ThreadLog initialValue() {
            return new ThreadLog();
        }
    };

    public LogCapture(LogQueue queue, double sampleRate) {
        this.queue = queue;
        this.sampleRate = sampleRate;
    }

    public static void install(LogCapture capture) {
        installed = capture;
    }

    static LogCapture installed() {
        return installed;
    }

    /** Threads of the agent itself: nothing they print is captured. */
    public static void ignoreCurrentThread() {
        LogCapture capture = installed;
        if (capture != null) {
            capture.threads.get().ignored = true;
        }
    }

    ThreadLog thread() {
        return threads.get();
    }

    /** A record of the invocation in progress on this thread (else the latest one). */
    void emit(long epochNanos, String level, String body, String source) {
        InvocationRecorder recorder = InvocationHooks.recorder();
        emit(recorder == null ? null : recorder.currentRequestId(), epochNanos, level, body, source);
    }

    /** A record of a known invocation ({@code requestId} null: outside invocations). */
    void emit(String requestId, long epochNanos, String level, String body, String source) {
        if (body.isEmpty()) {
            return;
        }
        if (!sampled(requestId, level)) {
            return;
        }
        queue.offer(new LogEntry(epochNanos, requestId, level, body, source));
    }

    void emit(byte[] bytes, int length, String level, String source) {
        emit(Clock.nowEpochNanos(), level, text(bytes, length), source);
    }

    /** Keeps every WARN and above, everything outside invocations, and whole invocations at the sample rate. */
    boolean sampled(String requestId, String level) {
        if (sampleRate >= 1.0 || requestId == null) {
            return true;
        }
        if ("WARN".equals(level) || "ERROR".equals(level) || "FATAL".equals(level)) {
            return true;
        }
        return (requestId.hashCode() & 0x7fffffff) < sampleRate * Integer.MAX_VALUE;
    }

    /** UTF-8 text without the trailing line break. */
    static String text(byte[] bytes, int length) {
        int end = Math.min(length, MAX_ENTRY_BYTES);
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** What one thread is in the middle of. */
    static final class ThreadLog {
        boolean ignored;
        /** Inside a logging framework's appender: console output is collected as one event. */
        int appendDepth;
        String appendLevel;
        String appendSource;
        long appendEpochNanos;
        /** The event in the appender carries its invocation and time ({@link StampedLogEvent}). */
        boolean appendStamped;
        String appendRequestId;
        final Bytes appended = new Bytes();
        /** Inside LambdaLogger.log: the message is taken from the call, its console echo is not captured. */
        int lambdaDepth;
    }

    /** A growable byte buffer with a ceiling. */
    static final class Bytes {
        byte[] data = new byte[256];
        int length;

        void append(byte[] b, int off, int len) {
            int room = MAX_ENTRY_BYTES - length;
            int n = Math.min(len, room);
            if (n <= 0) {
                return;
            }
            if (length + n > data.length) {
                byte[] bigger = new byte[Math.min(MAX_ENTRY_BYTES, Math.max(data.length * 2, length + n))];
                System.arraycopy(data, 0, bigger, 0, length);
                data = bigger;
            }
            System.arraycopy(b, off, data, length, n);
            length += n;
        }

        void reset() {
            length = 0;
            if (data.length > 4096) {
                data = new byte[256]; // give a big one-off event's memory back
            }
        }
    }
}
