package dev.fnlens.collector.event;

import java.util.Map;

/**
 * The lines the Lambda platform writes in its text log format (reference/lambda-logs.md):
 *
 * <pre>
 * INIT_START Runtime Version: java:17.v40\tRuntime Version ARN: arn:aws:lambda:...
 * START RequestId: &lt;id&gt; Version: $LATEST
 * END RequestId: &lt;id&gt;
 * REPORT RequestId: &lt;id&gt;\tDuration: 198.50 ms\tBilled Duration: 200 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB
 *        [\tInit Duration: 524.75 ms][\tRestore Duration: ..\tBilled Restore Duration: ..]
 *        [\tStatus: timeout|error[\tError Type: Runtime.OutOfMemory]]
 *        [\tTrigger: aws:sqs[\tTrigger Resource: orders]][\tRoute: GET /orders/{id}\tHTTP Status: 200][\tBatch Size: 10]
 *        [\t\nXRAY TraceId: ..\tSegmentId: ..\tSampled: true]
 * &lt;ISO ts&gt; &lt;id&gt; Task timed out after 3.00 seconds
 * </pre>
 *
 * plus INIT_REPORT, RESTORE_START, RESTORE_REPORT, EXTENSION and TELEMETRY, which give
 * their {@code @type}. Numbers come only from REPORT parts (an INIT_REPORT's init duration
 * is not the cold start's {@code @initDuration}); memory is in decimal bytes, as CloudWatch
 * discovers it. Unknown parts are left in the message, malformed numbers undiscovered.
 */
final class PlatformLines {
    static final double BYTES_PER_MB = 1_000_000d; // CloudWatch: 128 MB is 1.28E8
    private static final String REQUEST_ID = "RequestId: ";
    /** Each type and the part that must follow it, so that an application line "START the engine" stays one. */
    private static final Map<String, String> TYPES = Map.of("START", REQUEST_ID, "END", REQUEST_ID, "REPORT", REQUEST_ID,
            "INIT_START", "Runtime Version: ", "INIT_REPORT", "Init Duration: ", "RESTORE_START", "Runtime Version: ",
            "RESTORE_REPORT", "Restore Duration: ", "EXTENSION", "Name: ", "TELEMETRY", "Name: ");
    private static final String TIMED_OUT = " Task timed out after ";

    private PlatformLines() {
    }

    /** Adds the fields of a platform or timeout line; false (and nothing added) for any other line. */
    static boolean discover(String message, Map<String, Object> fields) {
        if (message.isEmpty()) {
            return false;
        }
        char first = message.charAt(0);
        if (first >= 'A' && first <= 'Z') {
            return platform(message, fields);
        }
        return first >= '0' && first <= '9' && timeout(message, fields);
    }

    private static boolean platform(String message, Map<String, Object> fields) {
        int end = 0;
        while (end < message.length() && !Character.isWhitespace(message.charAt(end))) {
            end++;
        }
        String type = message.substring(0, end);
        String next = TYPES.get(type);
        if (next == null || !message.startsWith(next, end + 1)) {
            return false;
        }
        fields.put(LogEvent.TYPE, type);
        if (next.equals(REQUEST_ID)) {
            String requestId = token(message, end + 1 + REQUEST_ID.length());
            if (!requestId.isEmpty()) {
                fields.put(LogEvent.REQUEST_ID, requestId);
            }
        }
        parts(message, end, type.equals("REPORT"), fields);
        return true;
    }

    /** {@code Key: value} parts separated by tabs or line breaks (X-Ray comes after {@code \t\n}). */
    private static void parts(String message, int from, boolean report, Map<String, Object> fields) {
        int start = from;
        while (start < message.length()) {
            int stop = start;
            while (stop < message.length() && message.charAt(stop) != '\t' && message.charAt(stop) != '\n') {
                stop++;
            }
            part(message.substring(start, stop), report, fields);
            start = stop + 1;
        }
    }

    private static void part(String part, boolean report, Map<String, Object> fields) {
        int colon = part.indexOf(": ");
        if (colon < 0) {
            return;
        }
        String key = part.substring(0, colon).strip();
        String value = part.substring(colon + 2).strip();
        switch (key) {
            case "XRAY TraceId" -> putText(fields, LogEvent.XRAY_TRACE_ID, value);
            case "SegmentId" -> putText(fields, LogEvent.XRAY_SEGMENT_ID, value);
            case "Status" -> putText(fields, LogEvent.STATUS, value);
            case "Error Type" -> putText(fields, LogEvent.ERROR_TYPE, value);
            case "Trigger" -> putText(fields, LogEvent.TRIGGER, value);
            case "Trigger Resource" -> putText(fields, LogEvent.TRIGGER_RESOURCE, value);
            case "Route" -> putText(fields, LogEvent.HTTP_ROUTE, value);
            default -> {
                if (report) {
                    reportNumber(key, value, fields);
                }
            }
        }
    }

    private static void reportNumber(String key, String value, Map<String, Object> fields) {
        switch (key) {
            case "Duration" -> putNumber(fields, LogEvent.DURATION, value, 1);
            case "Billed Duration" -> putNumber(fields, LogEvent.BILLED_DURATION, value, 1);
            case "Memory Size" -> putNumber(fields, LogEvent.MEMORY_SIZE, value, BYTES_PER_MB);
            case "Max Memory Used" -> putNumber(fields, LogEvent.MAX_MEMORY_USED, value, BYTES_PER_MB);
            case "Init Duration" -> putNumber(fields, LogEvent.INIT_DURATION, value, 1);
            case "Restore Duration" -> putNumber(fields, LogEvent.RESTORE_DURATION, value, 1);
            case "Billed Restore Duration" -> putNumber(fields, LogEvent.BILLED_RESTORE_DURATION, value, 1);
            case "HTTP Status" -> putNumber(fields, LogEvent.HTTP_STATUS, value, 1);
            case "Batch Size" -> putNumber(fields, LogEvent.BATCH_SIZE, value, 1);
            default -> {
                // other parts (Sampled, Runtime Version, ...) stay in the message only
            }
        }
    }

    /** {@code <ISO ts> <requestId> Task timed out after 3.00 seconds}. */
    private static boolean timeout(String message, Map<String, Object> fields) {
        int at = message.indexOf(TIMED_OUT);
        if (at < 0 || !MessageFields.looksLikeTimestamp(message)) {
            return false;
        }
        String prefix = message.substring(0, at);
        int space = prefix.indexOf(' ');
        if (space < 0 || prefix.indexOf('\t') >= 0 || prefix.indexOf(' ', space + 1) >= 0
                || space == prefix.length() - 1) {
            return false; // e.g. an application line that quotes the words
        }
        fields.put(LogEvent.REQUEST_ID, prefix.substring(space + 1));
        return true;
    }

    static void putNumber(Map<String, Object> fields, String name, String valueWithUnit, double scale) {
        try {
            double value = Double.parseDouble(token(valueWithUnit, 0)) * scale;
            if (Double.isFinite(value)) {
                fields.put(name, value);
            }
        } catch (NumberFormatException e) {
            // a malformed part is left undiscovered, like CloudWatch does
        }
    }

    private static void putText(Map<String, Object> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }

    private static String token(String s, int from) {
        int end = from;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(from, end);
    }
}
