package dev.fnlens.collector.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bridges OTLP JSON and protobuf's canonical JSON mapping. They differ in one place that
 * matters: OTLP encodes trace and span ids as hex, protobuf's mapping expects base64 for
 * bytes. Hex digits are valid base64, so without this step ids would decode silently wrong.
 */
final class OtlpJson {
    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId",
            "trace_id", "span_id", "parent_span_id");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OtlpJson() {
    }

    /** OTLP JSON in, protobuf-canonical JSON out. */
    static String toProtoJson(byte[] otlpJson) throws MalformedOtlpException {
        JsonNode root;
        try {
            root = MAPPER.readTree(otlpJson);
        } catch (JacksonException e) {
            throw new MalformedOtlpException("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedOtlpException("malformed JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedOtlpException("malformed JSON: expected an object");
        }
        hexIdsToBase64(root);
        return root.toString();
    }

    /** Walks the tree with an explicit stack: request nesting depth is attacker-controlled. */
    private static void hexIdsToBase64(JsonNode root) throws MalformedOtlpException {
        List<JsonNode> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            JsonNode node = stack.remove(stack.size() - 1);
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    JsonNode value = field.getValue();
                    if (ID_FIELDS.contains(field.getKey()) && value.isTextual()) {
                        object.put(field.getKey(), base64(field.getKey(), value.asText()));
                    } else if (value.isContainerNode()) {
                        stack.add(value);
                    }
                }
            } else if (node.isArray()) {
                node.forEach(child -> {
                    if (child.isContainerNode()) {
                        stack.add(child);
                    }
                });
            }
        }
    }

    private static String base64(String field, String hex) throws MalformedOtlpException {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new MalformedOtlpException(field + " is not hex: " + hex);
        }
    }
}
