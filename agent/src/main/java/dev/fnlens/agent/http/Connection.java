package dev.fnlens.agent.http;

import java.io.Closeable;
import java.io.IOException;

/** One TCP (or TLS) connection whose every wait ends at a deadline ({@link System#nanoTime()}). */
interface Connection extends Closeable {
    void write(byte[] bytes, int offset, int length, long deadlineNanos) throws IOException;

    /** @return bytes read, at least one, or -1 at the end of the stream */
    int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException;

    /** Whether an idle connection still looks usable: the peer has neither closed it nor sent anything. */
    boolean idleAndOpen();

    @Override
    void close();

    static long millisLeft(long deadlineNanos) throws java.net.SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("export timed out");
        }
        return left;
    }
}
