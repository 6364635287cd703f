package dev.fnlens.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Firehose HTTP endpoint requests carrying CloudWatch Logs subscription messages, shaped as
 * AWS documents them: each record's {@code data} is base64 of the gzip of one message.
 */
public final class FirehoseFixtures {
    public static final String OWNER = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirehoseFixtures() {
    }

    public static ObjectNode logEvent(String id, long timestamp, String message) {
        return JSON.createObjectNode().put("id", id).put("timestamp", timestamp).put("message", message);
    }

    /** {@code {"messageType": "DATA_MESSAGE", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents"}}. */
    public static ObjectNode dataMessage(String logGroup, String logStream, ObjectNode... events) {
        ObjectNode message = JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("owner", OWNER)
                .put("logGroup", logGroup).put("logStream", logStream);
        message.putArray("subscriptionFilters").add("fnlens");
        ArrayNode logEvents = message.putArray("logEvents");
        for (ObjectNode e : events) {
            logEvents.add(e);
        }
        return message;
    }

    /** What CloudWatch Logs sends first to check that the destination is reachable. */
    public static ObjectNode controlMessage(long timestamp) {
        ObjectNode message = JSON.createObjectNode().put("messageType", "CONTROL_MESSAGE").put("owner", "CloudwatchLogs")
                .put("logGroup", "").put("logStream", "");
        message.putArray("subscriptionFilters");
        message.putArray("logEvents").add(logEvent("", timestamp,
                "CWL CONTROL MESSAGE: Checking health of destination Firehose."));
        return message;
    }

    /** A record's data: base64 of the gzip of the message. */
    public static String record(JsonNode message) {
        return Base64.getEncoder().encodeToString(TestHttp.gzip(json(message).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code {"requestId", "timestamp", "records": [{"data"}]}}. */
    public static byte[] request(String requestId, long timestamp, String... recordData) {
        ObjectNode body = JSON.createObjectNode().put("requestId", requestId).put("timestamp", timestamp);
        ArrayNode records = body.putArray("records");
        for (String data : recordData) {
            records.addObject().put("data", data);
        }
        return json(body).getBytes(StandardCharsets.UTF_8);
    }

    /** The headers Firehose sends besides Content-Type, for {@link TestHttp#post}. */
    public static String[] headers(String requestId) {
        return new String[] {
            "X-Amz-Firehose-Protocol-Version", "1.0",
            "X-Amz-Firehose-Request-Id", requestId,
            "X-Amz-Firehose-Source-Arn", "arn:aws:firehose:us-east-1:" + OWNER + ":deliverystream/fnlens",
            "X-Amz-Firehose-Access-Key", "fnlens-ingest-token",
            "X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{}}"};
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
