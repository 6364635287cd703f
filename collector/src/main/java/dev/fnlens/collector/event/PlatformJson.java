package dev.fnlens.collector.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Lambda fields of a JSON log line, so that a function using Lambda's JSON log format
 * is queried with the same names as one using text (reference/lambda-logs.md):
 *
 * <ul>
 *   <li>platform records {@code {"time", "type": "platform.<name>", "record": {...}}}:
 *   {@code @type} as the text line would have it ({@code platform.start} START,
 *   {@code platform.runtimeDone} END, {@code platform.report} REPORT, {@code platform.initStart}
 *   INIT_START, any other {@code platform.fooBar} FOO_BAR), {@code record.requestId}
 *   {@code @requestId}; a report's {@code metrics} the REPORT numbers (memory in decimal bytes);
 *   a report's {@code status} other than success {@code @status}, {@code errorType}
 *   {@code @errorType}; {@code tracing} the X-Ray ids;</li>
 *   <li>application lines: {@code requestId} (or {@code AWSRequestId}, or Powertools'
 *   {@code function_request_id}) {@code @requestId}; Powertools' {@code xray_trace_id}
 *   {@code @xrayTraceId}.</li>
 * </ul>
 *
 * The JSON fields themselves are discovered as for any JSON line ({@link JsonFields}).
 */
final class PlatformJson {
    private static final String PLATFORM = "platform.";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z]{1,64}");
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final String[] REQUEST_ID_NAMES = {"requestId", "AWSRequestId", "function_request_id"};

    private PlatformJson() {
    }

    static void discover(JsonNode root, Map<String, Object> fields) {
        String type = text(root, "type");
        JsonNode record = root.get("record");
        if (type != null && type.startsWith(PLATFORM) && record != null && record.isObject()
                && NAME.matcher(type.substring(PLATFORM.length())).matches()) {
            platform(type.substring(PLATFORM.length()), record, fields);
        } else {
            application(root, fields);
        }
    }

    /** {@code start} START, {@code runtimeDone} END (as in the text format), {@code initReport} INIT_REPORT. */
    static String typeName(String platformName) {
        return switch (platformName) {
            case "start" -> "START";
            case "runtimeDone" -> "END";
            case "report" -> "REPORT";
            case "telemetrySubscription" -> "TELEMETRY";
            default -> CAMEL_HUMP.matcher(platformName).replaceAll("_").toUpperCase(Locale.ROOT);
        };
    }

    private static void platform(String name, JsonNode record, Map<String, Object> fields) {
        String type = typeName(name);
        fields.put(LogEvent.TYPE, type);
        putText(fields, LogEvent.REQUEST_ID, text(record, "requestId"));
        if (type.equals("REPORT")) {
            JsonNode metrics = record.path("metrics");
            putNumber(fields, LogEvent.DURATION, metrics, "durationMs", 1);
            putNumber(fields, LogEvent.BILLED_DURATION, metrics, "billedDurationMs", 1);
            putNumber(fields, LogEvent.MEMORY_SIZE, metrics, "memorySizeMB", PlatformLines.BYTES_PER_MB);
            putNumber(fields, LogEvent.MAX_MEMORY_USED, metrics, "maxMemoryUsedMB", PlatformLines.BYTES_PER_MB);
            putNumber(fields, LogEvent.INIT_DURATION, metrics, "initDurationMs", 1);
            putNumber(fields, LogEvent.RESTORE_DURATION, metrics, "restoreDurationMs", 1);
            putNumber(fields, LogEvent.BILLED_RESTORE_DURATION, metrics, "billedRestoreDurationMs", 1);
        }
        if (type.endsWith("REPORT")) {
            String status = text(record, "status");
            if (!"success".equals(status)) { // the text format says Status only when it is not success
                putText(fields, LogEvent.STATUS, status);
            }
            putText(fields, LogEvent.ERROR_TYPE, text(record, "errorType"));
        }
        tracing(record.path("tracing"), fields);
    }

    /** {@code {"spanId": "..", "type": "X-Amzn-Trace-Id", "value": "Root=1-..;Parent=..;Sampled=1"}}. */
    private static void tracing(JsonNode tracing, Map<String, Object> fields) {
        String value = text(tracing, "value");
        if (value == null) {
            return;
        }
        String parent = null;
        for (String pair : value.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = pair.substring(0, eq).strip();
                if (key.equals("Root")) {
                    putText(fields, LogEvent.XRAY_TRACE_ID, pair.substring(eq + 1).strip());
                } else if (key.equals("Parent")) {
                    parent = pair.substring(eq + 1).strip();
                }
            }
        }
        String spanId = text(tracing, "spanId");
        putText(fields, LogEvent.XRAY_SEGMENT_ID, spanId != null ? spanId : parent);
    }

    private static void application(JsonNode root, Map<String, Object> fields) {
        for (String name : REQUEST_ID_NAMES) {
            String id = text(root, name);
            if (id != null && !id.isEmpty()) {
                fields.put(LogEvent.REQUEST_ID, id);
                break;
            }
        }
        putText(fields, LogEvent.XRAY_TRACE_ID, text(root, "xray_trace_id"));
    }

    private static void putNumber(Map<String, Object> fields, String name, JsonNode metrics, String key, double scale) {
        JsonNode value = metrics.get(key);
        if (value != null && value.isNumber() && Double.isFinite(value.doubleValue())) {
            fields.put(name, value.doubleValue() * scale);
        }
    }

    private static void putText(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(name, value);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
