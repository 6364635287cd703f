package dev.fnlens.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** The SQS event Lambda's poller sends (aws-lambda-java-events {@code SQSEvent}), and the partial-failure answer. */
public final class SqsEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    public static byte[] batch(String queueArn, String region, List<QueueMessage> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (QueueMessage m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
            attributes.put("SentTimestamp", Long.toString(m.sentTimestamp()));
            attributes.put("SenderId", "AIDAFNLENSLOCAL");
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveTimestamp()));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.attributes().forEach((name, value) -> messageAttributes.putObject(name)
                    .put("stringValue", value).put("dataType", "String")
                    .set("stringListValues", JSON.createArrayNode()));
            record.put("md5OfBody", md5(m.body()));
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The message ids a handler reported in {@code {"batchItemFailures":[{"itemIdentifier":...}]}}
     * ({@code SQSBatchResponse}); an answer in another shape reports none.
     */
    public static Set<String> failedItems(byte[] response) {
        Set<String> failed = new HashSet<>();
        try {
            JsonNode root = JSON.readTree(response);
            if (root != null) {
                root.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
            }
        } catch (java.io.IOException notJson) {
            // a handler may answer anything; only a batch response names failures
        }
        return failed;
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
