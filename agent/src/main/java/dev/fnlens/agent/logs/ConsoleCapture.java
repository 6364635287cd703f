package dev.fnlens.agent.logs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Tees {@code System.out} and {@code System.err}: every byte still goes where it went before,
 * and complete lines become log records (level sniffed from the line, else INFO for stdout and
 * ERROR for stderr). Output written inside a logging framework's appender or LambdaLogger call is
 * left to those hooks, so nothing is recorded twice.
 */
public final class ConsoleCapture extends OutputStream {
    private final PrintStream original;
    private final String source;
    private final String defaultLevel;
    private final LogCapture.Bytes line = new LogCapture.Bytes();

    private ConsoleCapture(PrintStream original, String source, String defaultLevel) {
        this.original = original;
        this.source = source;
        this.defaultLevel = defaultLevel;
    }

    /** Replaces System.out and System.err with tees; returns the original stderr for the agent's own messages. */
    public static PrintStream install() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(tee(out, "stdout", "INFO"));
        System.setErr(tee(err, "stderr", "ERROR"));
        return err;
    }

    private static PrintStream tee(PrintStream original, String source, String level) {
        ConsoleCapture capture = new ConsoleCapture(original, source, level);
        String encoding = System.getProperty(source + ".encoding"); // Java 18+ sets stdout.encoding
        Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding)
                : Charset.defaultCharset();
        return new PrintStream(capture, true, charset);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        try {
            capture(b, off, len);
        } catch (Throwable ignored) {
            // printing must never fail because of the agent
        }
    }

    @Override
    public void flush() {
        original.flush();
    }

    private void capture(byte[] b, int off, int len) {
        LogCapture capture = LogCapture.installed();
        if (capture == null) {
            return;
        }
        LogCapture.ThreadLog thread = capture.thread();
        if (thread.ignored || thread.lambdaDepth > 0) {
            return;
        }
        if (thread.appendDepth > 0) {
            thread.appended.append(b, off, len);
            return;
        }
        synchronized (line) {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (b[i] == '\n') {
                    line.append(b, start, i - start);
                    flushLine(capture);
                    start = i + 1;
                }
            }
            line.append(b, start, end - start);
            if (line.length >= LogCapture.MAX_ENTRY_BYTES) {
                flushLine(capture);
            }
        }
    }

    /** A line printed without a trailing newline (LambdaLogger style) ends with its invocation. */
    void flushPartial() {
        LogCapture capture = LogCapture.installed();
        if (capture != null) {
            synchronized (line) {
                flushLine(capture);
            }
        }
    }

    private void flushLine(LogCapture capture) {
        if (line.length > 0) {
            String body = LogCapture.text(line.data, line.length);
            if (!body.isEmpty()) {
                capture.emit(dev.fnlens.agent.invocation.Clock.nowEpochNanos(),
                        LevelSniffer.level(body, defaultLevel), body, source);
            }
        }
        line.reset();
    }
}
