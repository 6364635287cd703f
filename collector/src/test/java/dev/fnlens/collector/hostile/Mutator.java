package dev.fnlens.collector.hostile;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Byte-level mutations of a valid body, as a fuzzer makes them: flipped bits, bytes set to
 * boundary values, inserted, deleted, duplicated and spliced ranges, varints that claim huge
 * lengths, truncation. Deterministic for a given {@link Random}.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x0a, 0x12, 0x22,
            '"', '{', '}', '[', ']', '\\', ',', ':'};
    /** Varints for lengths and counts: 0, -1, 2^31-1, 2^32, 2^63-1 ... */
    private static final long[] INTERESTING_VARINTS = {0, 1, 127, 128, 0x7fffffffL, 0xffffffffL, 1L << 32,
            Long.MAX_VALUE, -1, 16 * 1024 * 1024};

    private Mutator() {
    }

    static byte[] mutate(byte[] seed, List<byte[]> corpus, Random r) {
        byte[] b = seed;
        int rounds = 1 + r.nextInt(r.nextInt(4) == 0 ? 32 : 4);
        for (int i = 0; i < rounds; i++) {
            b = once(b, corpus, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, List<byte[]> corpus, Random r) {
        if (b.length == 0) {
            return randomBytes(r, 1 + r.nextInt(64));
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(10)) {
            case 0 -> {
                b = b.clone();
                b[at] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> {
                b = b.clone();
                b[at] = (byte) r.nextInt(256);
            }
            case 2 -> {
                b = b.clone();
                b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
            }
            case 3 -> b = insert(b, at, randomBytes(r, 1 + r.nextInt(16)));
            case 4 -> b = delete(b, at, 1 + r.nextInt(Math.max(1, Math.min(64, b.length - at))));
            case 5 -> {
                int len = 1 + r.nextInt(Math.max(1, Math.min(256, b.length - at)));
                b = insert(b, r.nextInt(b.length), Arrays.copyOfRange(b, at, Math.min(b.length, at + len)));
            }
            case 6 -> b = Arrays.copyOf(b, at);
            case 7 -> b = insert(delete(b, at, Math.min(b.length - at, 1 + r.nextInt(5))), at,
                    varint(INTERESTING_VARINTS[r.nextInt(INTERESTING_VARINTS.length)]));
            case 8 -> {
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                int from = r.nextInt(Math.max(1, other.length));
                int len = Math.min(other.length - from, 1 + r.nextInt(512));
                b = insert(b, at, Arrays.copyOfRange(other, from, from + Math.max(0, len)));
            }
            default -> {
                // repeat a range many times: bodies that decode into many small values
                int len = 1 + r.nextInt(Math.max(1, Math.min(32, b.length - at)));
                byte[] unit = Arrays.copyOfRange(b, at, Math.min(b.length, at + len));
                int times = 1 + r.nextInt(2_000);
                byte[] repeated = new byte[unit.length * times];
                for (int i = 0; i < times; i++) {
                    System.arraycopy(unit, 0, repeated, i * unit.length, unit.length);
                }
                b = insert(b, at, repeated);
            }
        }
        return b;
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int at, int len) {
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }

    private static byte[] varint(long v) {
        byte[] out = new byte[10];
        int n = 0;
        while ((v & ~0x7FL) != 0) {
            out[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[n++] = (byte) v;
        return Arrays.copyOf(out, n);
    }
}
