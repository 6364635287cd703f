package dev.fnlens.collector.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discovers fields in a log line the way CloudWatch Logs Insights does for Lambda:
 * platform lines in the text format (START, END, REPORT, INIT_START, ..., the timeout line;
 * see {@link PlatformLines}) give {@code @type}, {@code @requestId}, the REPORT numbers and
 * the X-Ray ids; application lines {@code <ts>\t<requestId>\t<LEVEL>\t<text>} give
 * {@code @requestId}; a JSON object (the whole message, or the text after that prefix)
 * gives its fields in dot notation, and when it is a line of Lambda's JSON log format the
 * same Lambda fields as its text twin ({@link PlatformJson}).
 *
 * <p>Discovery is a pure function of the message, so the write-ahead log stores only the
 * message and replay discovers the same fields again.
 */
public final class MessageFields {
    private MessageFields() {
    }

    public static Map<String, Object> discover(String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (!PlatformLines.discover(message, fields)) {
            application(fields, message);
        }
        return fields;
    }

    /** {@code <ISO ts>\t<requestId>\t<LEVEL>\t<text>}, or plain text / JSON. */
    private static void application(Map<String, Object> fields, String message) {
        String[] parts = message.split("\t", 4);
        if (parts.length == 4 && looksLikeTimestamp(parts[0]) && !parts[1].isEmpty()) {
            fields.put(LogEvent.REQUEST_ID, parts[1]);
            JsonFields.discover(parts[3], fields);
            return;
        }
        JsonNode json = JsonFields.discover(message, fields);
        if (json != null) {
            PlatformJson.discover(json, fields);
        }
    }

    static boolean looksLikeTimestamp(String s) {
        return s.length() >= 19 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-' && s.charAt(10) == 'T';
    }
}
