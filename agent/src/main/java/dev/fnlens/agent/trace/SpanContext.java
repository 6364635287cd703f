package dev.fnlens.agent.trace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A span's place in a trace: 16-byte trace id (as two longs), 8-byte span id, sampled flag, and whether it
 * came from another process (a parent or link read from a header).
 */
public record SpanContext(long traceIdHigh, long traceIdLow, long spanId, boolean sampled, boolean remote) {

    /** A new span: in the parent's trace, or, without a parent, in a new one. Always sampled (fnlens keeps all). */
    public static SpanContext newSpan(SpanContext parent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = parent != null ? parent.traceIdHigh : random.nextLong();
        long low = parent != null ? parent.traceIdLow : random.nextLong();
        while (parent == null && high == 0 && low == 0) {
            low = random.nextLong();
        }
        long span = random.nextLong();
        while (span == 0) {
            span = random.nextLong();
        }
        return new SpanContext(high, low, span, true, false);
    }

    public boolean isValid() {
        return (traceIdHigh != 0 || traceIdLow != 0) && spanId != 0;
    }

    /** 32 lowercase hex digits. */
    public String traceIdHex() {
        return hex(traceIdHigh) + hex(traceIdLow);
    }

    /** 16 lowercase hex digits. */
    public String spanIdHex() {
        return hex(spanId);
    }

    /** Trace flags as W3C and OTLP carry them. */
    public int traceFlags() {
        return sampled ? 1 : 0;
    }

    private static String hex(long value) {
        String s = Long.toHexString(value);
        return s.length() == 16 ? s : "0000000000000000".substring(s.length()) + s;
    }
}
