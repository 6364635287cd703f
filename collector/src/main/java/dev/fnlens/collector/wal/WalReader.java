package dev.fnlens.collector.wal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Reads the records of one segment in order. Reading stops at the first record that is
 * incomplete (a write torn by a crash: it was never acknowledged) or fails its CRC; what
 * went wrong is reported, never thrown, so that recovery keeps every record before it.
 */
public final class WalReader {
    private WalReader() {
    }

    @FunctionalInterface
    public interface Visitor {
        void record(long seq, byte[] payload) throws IOException;
    }

    /**
     * @param lastSeq  sequence of the last good record, or -1
     * @param problem  why reading stopped early, or null at a clean end
     */
    public record Scan(long lastSeq, long records, String problem) {
    }

    /**
     * @param lastSeq  sequence of the last good record in any segment, or -1
     * @param problems what stopped the reading of a segment early, if anything did
     */
    public record Replay(long lastSeq, long records, List<String> problems) {
    }

    /**
     * The first sequence a segment under {@code dir} may hold (its file name; 0 when there is none) and the last
     * record's (-1 when none), reading only the newest segments that hold records, not the whole log.
     */
    public record Bounds(long firstSeq, long lastSeq) {
    }

    public static Bounds bounds(Path dir) throws IOException {
        NavigableMap<Long, Path> segments = WalSegments.list(dir);
        if (segments.isEmpty()) {
            return new Bounds(0, -1);
        }
        for (Path segment : segments.descendingMap().values()) {
            long last = scan(segment, (seq, payload) -> { }).lastSeq();
            if (last >= 0) {
                return new Bounds(segments.firstKey(), last);
            }
        }
        return new Bounds(segments.firstKey(), -1);
    }

    /** Reads every segment under {@code dir} in order. */
    public static Replay replay(Path dir, Visitor visitor) throws IOException {
        long lastSeq = -1;
        long records = 0;
        List<String> problems = new ArrayList<>();
        for (Path segment : WalSegments.list(dir).values()) {
            long floor = lastSeq;
            Scan scan = scan(segment, (seq, payload) -> {
                if (seq > floor) {
                    visitor.record(seq, payload);
                }
            });
            lastSeq = Math.max(lastSeq, scan.lastSeq());
            records += scan.records();
            if (scan.problem() != null) {
                problems.add(segment.getFileName() + ": " + scan.problem());
            }
        }
        return new Replay(lastSeq, records, problems);
    }

    public static Scan scan(Path segment, Visitor visitor) throws IOException {
        long lastSeq = -1;
        long records = 0;
        long offset = 0;
        long size = Files.size(segment);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment), 1 << 16))) {
            byte[] header = new byte[WalFormat.HEADER_BYTES];
            while (true) {
                int read = readFully(in, header);
                if (read == 0) {
                    return new Scan(lastSeq, records, null);
                }
                if (read < header.length) {
                    return new Scan(lastSeq, records, "torn record header at offset " + offset);
                }
                ByteBuffer h = ByteBuffer.wrap(header);
                int length = h.getInt();
                int crc = h.getInt();
                long seq = h.getLong();
                if (length < 0 || length > WalFormat.MAX_PAYLOAD_BYTES) {
                    return new Scan(lastSeq, records, "bad record length " + length + " at offset " + offset);
                }
                if (offset + WalFormat.HEADER_BYTES + length > size) {
                    return new Scan(lastSeq, records, "torn record at offset " + offset);
                }
                byte[] payload = new byte[length];
                if (readFully(in, payload) < length) {
                    return new Scan(lastSeq, records, "torn record at offset " + offset);
                }
                if (WalFormat.crc(seq, payload) != crc) {
                    return new Scan(lastSeq, records, "CRC mismatch at offset " + offset);
                }
                if (seq <= lastSeq) {
                    return new Scan(lastSeq, records, "sequence went back to " + seq + " at offset " + offset);
                }
                visitor.record(seq, payload);
                lastSeq = seq;
                records++;
                offset += WalFormat.HEADER_BYTES + length;
            }
        }
    }

    private static int readFully(InputStream in, byte[] into) throws IOException {
        int total = 0;
        while (total < into.length) {
            int n = in.read(into, total, into.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
