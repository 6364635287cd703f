package dev.fnlens.collector.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The body a Kinesis Data Firehose HTTP endpoint destination sends,
 * {@code {"requestId", "timestamp", "records": [{"data": base64}]}}, to the CloudWatch Logs
 * subscription messages in its records. Each record's data is the gzip of one message (as a
 * subscription filter delivers it) or, when the stream decompresses CloudWatch Logs records,
 * the message JSON itself; concatenated messages in one record are read in turn.
 *
 * <p>Every problem is a {@link MalformedFirehoseException} naming the part and why, found
 * before anything is stored. Decompressed record data is bounded per request.
 */
public final class FirehoseDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);
    /** Jackson names the (redacted) source inside some messages; the line and column say enough. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ([^\\]]*)\\]");

    /** A decoded request: its id (from the body) and the messages of all its records, in order. */
    public record Request(String requestId, int records, List<SubscriptionMessage> messages) {
    }

    private FirehoseDecoder() {
    }

    /**
     * @param maxInflatedBytes most bytes all records of the request may decompress to together
     */
    public static Request decode(byte[] body, long maxInflatedBytes) throws MalformedFirehoseException {
        JsonNode root = parse(body, "request body");
        if (!root.isObject()) {
            throw new MalformedFirehoseException("request body must be a JSON object with \"records\"");
        }
        JsonNode requestId = root.get("requestId");
        JsonNode records = root.get("records");
        if (records == null || !records.isArray()) {
            throw new MalformedFirehoseException("request body: \"records\" must be an array");
        }
        long budget = maxInflatedBytes;
        List<SubscriptionMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String where = "records[" + i + "]";
            JsonNode data = records.get(i).get("data");
            if (data == null || !data.isTextual()) {
                throw new MalformedFirehoseException(where + ".data must be a base64 string");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asText());
            } catch (IllegalArgumentException e) {
                throw new MalformedFirehoseException(where + ".data is not valid base64: " + e.getMessage());
            }
            byte[] json = isGzip(bytes) ? gunzip(bytes, budget, maxInflatedBytes, where) : bytes;
            budget -= json.length;
            readMessages(json, i, where, messages);
        }
        return new Request(requestId != null && requestId.isTextual() ? requestId.asText() : null, records.size(),
                messages);
    }

    private static void readMessages(byte[] json, int record, String where, List<SubscriptionMessage> into)
            throws MalformedFirehoseException {
        if (!looksLikeJson(json)) {
            throw new MalformedFirehoseException(where + ".data is neither gzip nor a JSON subscription message");
        }
        int before = into.size();
        try (MappingIterator<JsonNode> values = READER.readValues(json)) {
            while (values.hasNextValue()) {
                JsonNode message = values.nextValue();
                String at = into.size() == before ? where : where + " message " + (into.size() - before + 1);
                into.add(SubscriptionMessage.of(message, record, at));
            }
        } catch (JsonProcessingException e) {
            throw new MalformedFirehoseException(where + ": subscription message is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new MalformedFirehoseException(where + ": cannot read the subscription message: " + e.getMessage());
        } catch (RuntimeException e) {
            // MappingIterator wraps parse errors met while looking ahead
            Throwable cause = e.getCause() instanceof JsonProcessingException jpe ? jpe : e;
            throw new MalformedFirehoseException(where + ": subscription message is not valid JSON: "
                    + (cause instanceof JsonProcessingException jpe ? describe(jpe) : e.getMessage()));
        }
    }

    private static JsonNode parse(byte[] json, String what) throws MalformedFirehoseException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new MalformedFirehoseException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedFirehoseException(what + " is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new MalformedFirehoseException("cannot read the " + what + ": " + e.getMessage());
        }
    }

    private static byte[] gunzip(byte[] gzipped, long budget, long max, String where) throws MalformedFirehoseException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(budget, Math.min(1L << 20, gzipped.length * 8L)) + 64);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > budget) {
                    throw new InflatedTooLargeException(where, max);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (EOFException e) {
            throw new MalformedFirehoseException(where + ".data is not valid gzip: unexpected end of the compressed data");
        } catch (IOException e) {
            throw new MalformedFirehoseException(where + ".data is not valid gzip: " + e.getMessage());
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    /** The parser's complaint and where, without the source excerpt. */
    private static String describe(JsonProcessingException e) {
        String message = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("$1");
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Records decompress past the request's budget: answered 413, like an oversized body. */
    public static final class InflatedTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InflatedTooLargeException(String where, long max) {
            super("records decompress to more than " + max + " bytes together (at " + where + ")", null, false, false);
        }
    }
}
