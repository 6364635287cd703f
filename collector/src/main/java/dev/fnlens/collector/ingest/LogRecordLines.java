package dev.fnlens.collector.ingest;

import static dev.fnlens.semconv.FnlensAttributes.REQUEST_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.IsoTime;
import dev.fnlens.collector.event.LogEvent;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.Base64;
import java.util.Locale;

/**
 * One OTLP log record to one Lambda application line:
 * {@code <ISO ts>\t<requestId>\t<LEVEL>\t<body>} when the record names its invocation
 * ({@code fnlens.request_id}), else the body as is.
 */
final class LogRecordLines {
    private LogRecordLines() {
    }

    static LogEvent of(LogRecord record, ResourceInfo resource, long ingestionTime) {
        long nanos = record.getTimeUnixNano() > 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
        long ts = nanos > 0 ? nanos / 1_000_000 : ingestionTime;
        String body = stripTrailingNewlines(text(record.getBody()));
        String requestId = Attributes.of(record.getAttributesList()).string(REQUEST_ID);
        String message = requestId == null ? body
                : IsoTime.format(ts) + "\t" + requestId + "\t" + level(record) + "\t" + body;
        return LogEvent.of(ts, ingestionTime, resource.logGroup(), resource.logStream(), message);
    }

    static String level(LogRecord record) {
        String text = record.getSeverityText().strip();
        if (!text.isEmpty()) {
            return text.toUpperCase(Locale.ROOT);
        }
        int n = record.getSeverityNumberValue();
        if (n >= 21) {
            return "FATAL";
        } else if (n >= 17) {
            return "ERROR";
        } else if (n >= 13) {
            return "WARN";
        } else if (n >= 9 || n == 0) {
            return "INFO";
        } else if (n >= 5) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** A body as text; structured bodies become JSON so their fields are discovered. */
    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case KVLIST_VALUE, ARRAY_VALUE -> json(value).toString();
            case VALUE_NOT_SET -> "";
            default -> json(value).asText();
        };
    }

    private static JsonNode json(AnyValue value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value.getValueCase()) {
            case STRING_VALUE -> f.textNode(value.getStringValue());
            case BOOL_VALUE -> f.booleanNode(value.getBoolValue());
            case INT_VALUE -> f.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> f.numberNode(value.getDoubleValue());
            case BYTES_VALUE -> f.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode array = f.arrayNode();
                value.getArrayValue().getValuesList().forEach(v -> array.add(json(v)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = f.objectNode();
                for (KeyValue kv : value.getKvlistValue().getValuesList()) {
                    object.set(kv.getKey(), json(kv.getValue()));
                }
                yield object;
            }
            default -> f.nullNode();
        };
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
