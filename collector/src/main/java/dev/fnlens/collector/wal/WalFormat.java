package dev.fnlens.collector.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * One record on disk: {@code int length | int crc32 | long seq | payload[length]}, big-endian.
 * The CRC covers seq and payload, so a torn or bit-flipped record is detected on replay.
 */
final class WalFormat {
    static final int HEADER_BYTES = 16;
    /** Sanity bound when reading: a larger length means the header itself is garbage. */
    static final int MAX_PAYLOAD_BYTES = 512 * 1024 * 1024;

    private WalFormat() {
    }

    static ByteBuffer header(long seq, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(payload.length).putInt(crc(seq, payload)).putLong(seq).flip();
        return header;
    }

    static int crc(long seq, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }
}
