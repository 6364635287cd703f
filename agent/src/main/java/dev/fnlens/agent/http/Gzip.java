package dev.fnlens.agent.http;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** gzip (RFC 1952) into a reused buffer, with one reused deflater: no stream objects per request. */
final class Gzip {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[8192];
    private int size;

    /** Compresses {@code bytes[0, length)}; the result is {@link #bytes()}{@code [0, }{@link #size()}{@code )}. */
    void compress(byte[] bytes, int length) {
        deflater.reset();
        crc.reset();
        crc.update(bytes, 0, length);
        ensure(HEADER.length + length / 2 + 64);
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        size = HEADER.length;
        deflater.setInput(bytes, 0, length);
        deflater.finish();
        while (!deflater.finished()) {
            if (size == out.length) {
                ensure(out.length);
            }
            size += deflater.deflate(out, size, out.length - size);
        }
        ensure(8);
        littleEndian((int) crc.getValue());
        littleEndian(length);
    }

    byte[] bytes() {
        return out;
    }

    int size() {
        return size;
    }

    /** Lets a buffer that grew for one large batch go. */
    void trim() {
        if (out.length > 256 * 1024) {
            out = new byte[8192];
        }
    }

    void end() {
        deflater.end();
    }

    private void littleEndian(int value) {
        for (int i = 0; i < 4; i++) {
            out[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            byte[] grown = new byte[Math.max(out.length * 2, size + more)];
            System.arraycopy(out, 0, grown, 0, size);
            out = grown;
        }
    }
}
