package dev.fnlens.agent.otlp;

/**
 * The protobuf wire format, as much of it as OTLP needs: varints, fixed64/fixed32, doubles, UTF-8
 * strings, bytes and nested messages, into one growable buffer that is reused from batch to batch.
 *
 * <p>A nested message is opened with {@link #begin(int)}, which leaves one byte for its length, and
 * closed with {@link #end(int)}, which writes the length and, when it needs more than one byte, moves
 * the message's bytes along: no second buffer, no size pass, and canonical (shortest) lengths.
 */
public final class ProtoWriter {
    /** Above this, a buffer is dropped after use instead of being kept for the next batch. */
    private static final int KEEP_BYTES = 256 * 1024;
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH = 2;
    private static final int WIRE_FIXED32 = 5;

    private byte[] buf;
    private int pos;

    public ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public byte[] buffer() {
        return buf;
    }

    public int size() {
        return pos;
    }

    /** Empties the writer; a buffer that grew large for one big batch is not kept. */
    public void reset() {
        pos = 0;
        if (buf.length > KEEP_BYTES) {
            buf = new byte[KEEP_BYTES / 4];
        }
    }

    /** Forgets everything written after {@code size} bytes. */
    public void truncate(int size) {
        if (size < 0 || size > pos) {
            throw new IllegalArgumentException("size " + size);
        }
        pos = size;
    }

    public byte[] toByteArray() {
        byte[] copy = new byte[pos];
        System.arraycopy(buf, 0, copy, 0, pos);
        return copy;
    }

    // --- fields ---

    public void varintField(int field, long value) {
        tag(field, WIRE_VARINT);
        varint(value);
    }

    public void boolField(int field, boolean value) {
        tag(field, WIRE_VARINT);
        ensure(1);
        buf[pos++] = (byte) (value ? 1 : 0);
    }

    public void fixed64Field(int field, long value) {
        tag(field, WIRE_FIXED64);
        fixed64(value);
    }

    public void fixed32Field(int field, int value) {
        tag(field, WIRE_FIXED32);
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) (value >>> (8 * i));
        }
    }

    public void doubleField(int field, double value) {
        fixed64Field(field, Double.doubleToRawLongBits(value));
    }

    public void stringField(int field, String value) {
        tag(field, WIRE_LENGTH);
        int length = utf8Length(value);
        varint(length);
        utf8(value, length);
    }

    public void bytesField(int field, byte[] value, int offset, int length) {
        tag(field, WIRE_LENGTH);
        varint(length);
        ensure(length);
        System.arraycopy(value, offset, buf, pos, length);
        pos += length;
    }

    /** A 16- or 8-byte id (trace, span), big-endian as OTLP sends them. */
    public void idField(int field, long high, long low, boolean sixteenBytes) {
        tag(field, WIRE_LENGTH);
        varint(sixteenBytes ? 16 : 8);
        if (sixteenBytes) {
            bigEndian(high);
        }
        bigEndian(low);
    }

    /** Opens a nested message; returns the mark that {@link #end(int)} needs. */
    public int begin(int field) {
        tag(field, WIRE_LENGTH);
        ensure(1);
        return pos++;
    }

    public void end(int mark) {
        int length = pos - mark - 1;
        int lengthBytes = varintSize(length);
        if (lengthBytes > 1) {
            ensure(lengthBytes - 1);
            System.arraycopy(buf, mark + 1, buf, mark + lengthBytes, length);
        }
        int at = mark;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at] = (byte) v;
        pos = mark + lengthBytes + length;
    }

    // --- primitives ---

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    private void fixed64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (value >>> (8 * i));
        }
    }

    private void bigEndian(long value) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[pos++] = (byte) (value >>> (8 * i));
        }
    }

    static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** UTF-8 length, as {@code String.getBytes(UTF_8)} would encode (a lone surrogate becomes '?'). */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Encodes without an intermediate byte array. */
    private void utf8(String s, int length) {
        ensure(length);
        byte[] b = buf;
        int p = pos;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = (byte) '?';
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        pos = p;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("batch too large");
            }
            byte[] grown = new byte[(int) wanted];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
        }
    }
}
