package dev.fnlens.agent.http;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response off a connection, strictly and within limits: anything that is not HTTP, a
 * header block over {@value #MAX_HEADER_BYTES} bytes or a body over {@value #MAX_BODY_BYTES} bytes fails the
 * exchange (and the caller closes the connection). The body is read and dropped: an OTLP answer's
 * partial-success details change nothing the agent does.
 */
final class ResponseReader {
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** What the caller needs of a response. */
    record Response(int status, boolean keepAlive) {
    }

    private final byte[] buf = new byte[4096];
    private int start;
    private int end;
    private Connection connection;
    private long deadlineNanos;
    private int headerBytes;

    Response read(Connection from, long deadline) throws IOException {
        connection = from;
        deadlineNanos = deadline;
        start = 0;
        end = 0;
        try {
            while (true) {
                headerBytes = 0;
                String statusLine = line();
                if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                    throw new IOException("not an HTTP response");
                }
                int status = status(statusLine);
                boolean keepAlive = statusLine.charAt(7) == '1';
                long contentLength = -1;
                boolean chunked = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new IOException("malformed header");
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        contentLength = parseLength(value);
                    } else if (name.equals("transfer-encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                    } else if (name.equals("connection")) {
                        keepAlive = keepAlive && !value.equalsIgnoreCase("close");
                    }
                }
                if (status >= 100 && status < 200) {
                    continue; // an interim answer: the real one follows
                }
                if (chunked) {
                    chunks();
                } else if (contentLength >= 0) {
                    skip(contentLength);
                } else if (status != 204 && status != 304) {
                    untilClosed();
                    keepAlive = false;
                }
                // bytes after the response were never asked for: the connection is not to be trusted
                return new Response(status, keepAlive && start == end);
            }
        } finally {
            connection = null;
        }
    }

    private static int status(String statusLine) throws IOException {
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("not an HTTP status");
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new IOException("response body of " + value + " bytes");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length");
        }
    }

    private void chunks() throws IOException {
        long total = 0;
        while (true) {
            headerBytes = 0;
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size");
            }
            total += size;
            if (size < 0 || total > MAX_BODY_BYTES) {
                throw new IOException("response body too large");
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: ignored
                }
                return;
            }
            skip(size);
            if (!line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private void untilClosed() throws IOException {
        long total = 0;
        while (true) {
            total += end - start;
            start = end;
            if (total > MAX_BODY_BYTES) {
                throw new IOException("response body too large");
            }
            if (!fill()) {
                return;
            }
        }
    }

    private void skip(long bytes) throws IOException {
        while (bytes > 0) {
            if (start == end && !fill()) {
                throw new IOException("connection closed mid-response");
            }
            int n = (int) Math.min(bytes, end - start);
            start += n;
            bytes -= n;
        }
    }

    /** One CRLF- (or LF-) terminated line, without its end. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (start == end && !fill()) {
                throw new IOException("connection closed mid-response");
            }
            byte b = buf[start++];
            if (++headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("response header too large");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (b == 0) {
                throw new IOException("not an HTTP response");
            }
            line.append((char) (b & 0xFF));
        }
    }

    /** Reads more into the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        start = 0;
        end = 0;
        int n = connection.read(buf, 0, buf.length, deadlineNanos);
        if (n < 0) {
            return false;
        }
        end = n;
        return true;
    }
}
