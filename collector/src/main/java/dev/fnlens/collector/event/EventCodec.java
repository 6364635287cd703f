package dev.fnlens.collector.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-ahead log payload: a batch of events as compact binary. Only what cannot be
 * derived is written (times, group, stream, message); fields are discovered again on
 * decode, which keeps records small and discovery in one place.
 */
public final class EventCodec {
    private static final byte VERSION = 1;

    private EventCodec() {
    }

    public static byte[] encode(List<LogEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(events.size());
            for (LogEvent e : events) {
                out.writeLong(e.timestamp());
                out.writeLong(e.ingestionTime());
                writeString(out, e.log());
                writeString(out, e.logStream());
                writeString(out, e.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    public static List<LogEvent> decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown event batch version " + version);
        }
        int count = in.readInt();
        if (count < 0 || count > payload.length) {
            throw new IOException("bad event count " + count);
        }
        List<LogEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long timestamp = in.readLong();
            long ingestionTime = in.readLong();
            String log = readString(in);
            String stream = readString(in);
            String message = readString(in);
            events.add(LogEvent.of(timestamp, ingestionTime, log, stream, message));
        }
        return events;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
