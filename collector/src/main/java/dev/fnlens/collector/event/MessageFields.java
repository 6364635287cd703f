package dev.fnlens.collector.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discovers fields in a log line the way CloudWatch Logs Insights does for Lambda:
 * platform lines (START, END, REPORT, INIT_START) give {@code @type}, {@code @requestId}
 * and the REPORT numbers; application lines {@code <ts>\t<requestId>\t<LEVEL>\t<text>}
 * give {@code @requestId}; a JSON object (the whole message, or the text after that
 * prefix) gives its fields in dot notation.
 *
 * <p>Discovery is a pure function of the message, so the write-ahead log stores only the
 * message and replay discovers the same fields again.
 */
public final class MessageFields {
    private static final double BYTES_PER_MB = 1_000_000d; // CloudWatch: 128 MB is 1.28E8

    private MessageFields() {
    }

    public static Map<String, Object> discover(String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (message.startsWith("START RequestId: ")) {
            platform(fields, "START", message, "START RequestId: ".length());
        } else if (message.startsWith("END RequestId: ")) {
            platform(fields, "END", message, "END RequestId: ".length());
        } else if (message.startsWith("REPORT RequestId: ")) {
            platform(fields, "REPORT", message, "REPORT RequestId: ".length());
            report(fields, message);
        } else if (message.startsWith("INIT_START ")) {
            fields.put(LogEvent.TYPE, "INIT_START");
        } else {
            application(fields, message);
        }
        return fields;
    }

    private static void platform(Map<String, Object> fields, String type, String message, int idStart) {
        fields.put(LogEvent.TYPE, type);
        String id = token(message, idStart);
        if (!id.isEmpty()) {
            fields.put(LogEvent.REQUEST_ID, id);
        }
    }

    private static void report(Map<String, Object> fields, String message) {
        for (String part : message.split("\t")) {
            int colon = part.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = part.substring(0, colon).trim();
            String value = part.substring(colon + 2).trim();
            switch (key) {
                case "Duration" -> putNumber(fields, LogEvent.DURATION, value, 1);
                case "Billed Duration" -> putNumber(fields, LogEvent.BILLED_DURATION, value, 1);
                case "Memory Size" -> putNumber(fields, LogEvent.MEMORY_SIZE, value, BYTES_PER_MB);
                case "Max Memory Used" -> putNumber(fields, LogEvent.MAX_MEMORY_USED, value, BYTES_PER_MB);
                case "Init Duration" -> putNumber(fields, LogEvent.INIT_DURATION, value, 1);
                case "XRAY TraceId" -> fields.put(LogEvent.XRAY_TRACE_ID, value);
                case "SegmentId" -> fields.put(LogEvent.XRAY_SEGMENT_ID, value);
                default -> {
                    // other REPORT parts (Restore Duration, Status, ...) stay in the message only
                }
            }
        }
    }

    private static void putNumber(Map<String, Object> fields, String name, String valueWithUnit, double scale) {
        String number = token(valueWithUnit, 0);
        try {
            fields.put(name, Double.parseDouble(number) * scale);
        } catch (NumberFormatException e) {
            // a malformed REPORT part is left undiscovered, like CloudWatch does
        }
    }

    /** {@code <ISO ts>\t<requestId>\t<LEVEL>\t<text>}, the timeout line, or plain text / JSON. */
    private static void application(Map<String, Object> fields, String message) {
        String[] parts = message.split("\t", 4);
        if (parts.length == 4 && looksLikeTimestamp(parts[0]) && !parts[1].isEmpty()) {
            fields.put(LogEvent.REQUEST_ID, parts[1]);
            JsonFields.discover(parts[3], fields);
            return;
        }
        int timedOut = message.indexOf(" Task timed out after ");
        if (timedOut > 0 && looksLikeTimestamp(message)) {
            String[] prefix = message.substring(0, timedOut).split(" ");
            if (prefix.length == 2) {
                fields.put(LogEvent.REQUEST_ID, prefix[1]);
            }
            return;
        }
        JsonFields.discover(message, fields);
    }

    private static boolean looksLikeTimestamp(String s) {
        return s.length() >= 19 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-' && s.charAt(10) == 'T';
    }

    private static String token(String s, int from) {
        int end = from;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(from, end);
    }
}
