package dev.fnlens.collector.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body without ever holding more than the limit: a declared length over
 * it is refused before reading, an undeclared (chunked) one is cut off one byte past it,
 * and a gzip body is refused as soon as it inflates past it.
 */
final class BodyReader {
    private BodyReader() {
    }

    /** Refuses encodings other than gzip and identity, before anything is read. */
    static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.strip().equalsIgnoreCase("identity")) {
            return false;
        }
        if (contentEncoding.strip().equalsIgnoreCase("gzip")) {
            return true;
        }
        throw new ApiException(415, "unsupported_encoding",
                "Content-Encoding must be gzip or identity, got '" + contentEncoding + "'");
    }

    /** The raw body, at most {@code max} bytes. */
    static byte[] read(InputStream in, long contentLength, long max) {
        if (contentLength > max) {
            throw tooLarge("request body of " + contentLength + " bytes", max);
        }
        try {
            return readAtMost(in, max, "request body");
        } catch (IOException e) {
            throw new ApiException(400, "incomplete", "could not read the request body: " + e.getMessage());
        }
    }

    /** The inflated body, at most {@code max} bytes. */
    static byte[] gunzip(byte[] gzipped, long max) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
            return readAtMost(in, max, "decompressed request body");
        } catch (ZipException | EOFException e) {
            throw new ApiException(400, "malformed", "malformed gzip body: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(400, "malformed", "cannot decompress the body: " + e.getMessage());
        }
    }

    /**
     * Reads and discards the rest of a refused body, at most {@code max} bytes, so the
     * client gets the answer instead of a connection reset. Returns true at end of body.
     */
    static boolean discard(InputStream in, long max) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > max) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readAtMost(InputStream in, long max, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 64 * 1024));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > max) {
                throw tooLarge(what, max);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge(String what, long max) {
        return new ApiException(413, "too_large", String.format(Locale.ROOT,
                "%s is over the limit of %d bytes", what, max));
    }
}
