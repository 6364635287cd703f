package dev.fnlens.agent.invocation;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers without {@link java.util.UUID#randomUUID()}: its SecureRandom
 * seeding can cost tens of ms on a cold JVM, and these ids need to be unique, not secret.
 */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** A version-4-shaped UUID string, e.g. {@code 8f507cfc-1d2b-4697-b07a-ac58fc914c95}. */
    public static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] out = new char[36];
        int pos = 0;
        pos = hex(msb >>> 32, 8, out, pos);
        out[pos++] = '-';
        pos = hex(msb >>> 16, 4, out, pos);
        out[pos++] = '-';
        pos = hex(msb, 4, out, pos);
        out[pos++] = '-';
        pos = hex(lsb >>> 48, 4, out, pos);
        out[pos++] = '-';
        hex(lsb, 12, out, pos);
        return new String(out);
    }

    /** {@code digits} random lower-case hex characters. */
    public static String randomHex(int digits) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[digits];
        for (int i = 0; i < digits; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    private static int hex(long value, int digits, char[] out, int pos) {
        for (int i = digits - 1; i >= 0; i--) {
            out[pos + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return pos + digits;
    }
}
