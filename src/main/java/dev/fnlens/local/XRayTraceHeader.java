package dev.fnlens.local;

import java.security.SecureRandom;
import java.util.HexFormat;

/** X-Ray trace headers, as Lambda hands them to functions in {@code Lambda-Runtime-Trace-Id}. */
final class XRayTraceHeader {
    private static final SecureRandom RANDOM = new SecureRandom();

    private XRayTraceHeader() {
    }

    /** {@code Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0}. */
    static String newRoot() {
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(parent);
        return "Root=1-" + String.format("%08x", System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(id)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }
}
