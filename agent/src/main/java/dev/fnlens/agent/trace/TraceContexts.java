package dev.fnlens.agent.trace;

/**
 * Incoming trace context in the two forms a Lambda invocation meets: W3C {@code traceparent}
 * ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}) and the X-Ray header
 * ({@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0|1}), whose root is a W3C trace id.
 */
public final class TraceContexts {
    private TraceContexts() {
    }

    /** A remote span context from either form; null when the text is neither or invalid. */
    public static SpanContext parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        return h.startsWith("Root=") || h.contains(";Root=") || h.contains("Root=1-") ? xray(h) : traceparent(h);
    }

    static SpanContext traceparent(String value) {
        String[] parts = value.split("-");
        if (parts.length < 4 || parts[0].length() != 2 || parts[0].equals("ff")) {
            return null;
        }
        String traceId = parts[1].toLowerCase(java.util.Locale.ROOT);
        String spanId = parts[2].toLowerCase(java.util.Locale.ROOT);
        if (!isHex(traceId, 32) || !isHex(spanId, 16) || !isHex(parts[3], 2)) {
            return null;
        }
        boolean sampled = (Integer.parseInt(parts[3], 16) & 1) == 1;
        return remote(traceId, spanId, sampled);
    }

    static SpanContext xray(String value) {
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            switch (key) {
                case "Root": root = v; break;
                case "Parent": parent = v; break;
                case "Sampled": sampled = v.equals("1"); break;
                default: break;
            }
        }
        if (root == null || parent == null) {
            return null;
        }
        String[] rootParts = root.split("-");
        if (rootParts.length != 3 || !rootParts[0].equals("1")) {
            return null;
        }
        String traceId = (rootParts[1] + rootParts[2]).toLowerCase(java.util.Locale.ROOT);
        String spanId = parent.toLowerCase(java.util.Locale.ROOT);
        if (!isHex(traceId, 32) || !isHex(spanId, 16)) {
            return null;
        }
        return remote(traceId, spanId, sampled);
    }

    /** From checked hex digits; null when either id is all zeros (invalid in W3C and OTLP). */
    private static SpanContext remote(String traceId, String spanId, boolean sampled) {
        SpanContext context = new SpanContext(Long.parseUnsignedLong(traceId.substring(0, 16), 16),
                Long.parseUnsignedLong(traceId.substring(16), 16), Long.parseUnsignedLong(spanId, 16), sampled, true);
        return context.isValid() ? context : null;
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
