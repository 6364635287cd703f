package dev.fnlens.bench.fnlens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.bench.Http;
import dev.fnlens.bench.data.LambdaEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Log events as a Kinesis Data Firehose HTTP endpoint delivery of CloudWatch Logs
 * ({@code POST /cloudwatch/firehose}): one record per log stream, each the base64 of a
 * gzipped subscription message. Used where OTLP cannot express the data set — a span always
 * becomes START, END and REPORT, so a REPORT-only set goes in this way.
 */
public final class FirehoseBatch {
    private FirehoseBatch() {
    }

    public static byte[] of(List<LambdaEvent> events, long requestTimestamp, long firstEventId) {
        Map<String, List<LambdaEvent>> byStream = new LinkedHashMap<>();
        for (LambdaEvent e : events) {
            byStream.computeIfAbsent(e.log() + "\n" + e.logStream(), k -> new java.util.ArrayList<>()).add(e);
        }
        ObjectNode body = Http.JSON.createObjectNode()
                .put("requestId", "bench-" + firstEventId).put("timestamp", requestTimestamp);
        ArrayNode records = body.putArray("records");
        long id = firstEventId;
        for (List<LambdaEvent> stream : byStream.values()) {
            ObjectNode message = Http.JSON.createObjectNode()
                    .put("messageType", "DATA_MESSAGE").put("owner", "123456789012")
                    .put("logGroup", stream.get(0).log()).put("logStream", stream.get(0).logStream());
            message.putArray("subscriptionFilters").add("fnlens");
            ArrayNode logEvents = message.putArray("logEvents");
            for (LambdaEvent e : stream) {
                logEvents.addObject().put("id", Long.toString(id++)).put("timestamp", e.timestamp())
                        .put("message", e.message());
            }
            records.addObject().put("data", Base64.getEncoder().encodeToString(gzip(message.toString())));
        }
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
