package dev.fnlens.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One CloudWatch Logs subscription message, as a Firehose record carries it (gzip, base64):
 * {@code {"messageType", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents": [{"id", "timestamp", "message"}]}}.
 * A {@code CONTROL_MESSAGE} only checks that the destination is reachable and has no events to keep.
 *
 * @param record the index of the Firehose record it came from, for error reports
 */
public record SubscriptionMessage(int record, boolean control, String owner, String logGroup, String logStream,
                                  List<Event> logEvents) {
    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    public SubscriptionMessage {
        logEvents = List.copyOf(logEvents);
    }

    /** CloudWatch's limit for group and stream names. */
    static final int MAX_NAME = 512;

    /**
     * Checks and reads one message; {@code where} names it in errors ({@code records[2]}).
     *
     * @throws MalformedFirehoseException naming the first field that is missing or of the wrong type
     */
    static SubscriptionMessage of(JsonNode json, int record, String where) throws MalformedFirehoseException {
        if (!json.isObject()) {
            throw new MalformedFirehoseException(where + ": subscription message must be a JSON object");
        }
        String type = text(json, "messageType");
        if (CONTROL_MESSAGE.equals(type)) {
            return new SubscriptionMessage(record, true, text(json, "owner"), text(json, "logGroup"),
                    text(json, "logStream"), List.of());
        }
        if (!DATA_MESSAGE.equals(type)) {
            throw new MalformedFirehoseException(where + ".messageType must be DATA_MESSAGE or CONTROL_MESSAGE, got "
                    + (type == null ? "none" : "'" + clip(type) + "'"));
        }
        String group = name(json, "logGroup", where);
        String stream = name(json, "logStream", where);
        JsonNode events = json.get("logEvents");
        if (events == null || !events.isArray()) {
            throw new MalformedFirehoseException(where + ".logEvents must be an array");
        }
        List<Event> list = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            list.add(event(events.get(i), where + ".logEvents[" + i + "]"));
        }
        return new SubscriptionMessage(record, false, text(json, "owner"), group, stream, list);
    }

    private static Event event(JsonNode json, String where) throws MalformedFirehoseException {
        if (!json.isObject()) {
            throw new MalformedFirehoseException(where + " must be an object");
        }
        JsonNode timestamp = json.get("timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || !timestamp.canConvertToLong()) {
            throw new MalformedFirehoseException(where + ".timestamp must be epoch milliseconds");
        }
        String message = text(json, "message");
        if (message == null) {
            throw new MalformedFirehoseException(where + ".message must be a string");
        }
        String id = text(json, "id");
        return new Event(id == null ? "" : id, timestamp.longValue(), message);
    }

    private static String name(JsonNode json, String field, String where) throws MalformedFirehoseException {
        String name = text(json, field);
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new MalformedFirehoseException(where + "." + field + " must be a string of 1 to " + MAX_NAME
                    + " characters");
        }
        return name;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** One log event: CloudWatch's id (a long decimal string), epoch ms, the line. */
    public record Event(String id, long timestamp, String message) {
    }
}
