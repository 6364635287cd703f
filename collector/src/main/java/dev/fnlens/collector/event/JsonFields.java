package dev.fnlens.collector.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Flattens a JSON object log line into fields with dot notation ({@code a.items.0.id}), as
 * Logs Insights discovers them. Strings stay strings, integral numbers become {@code Long},
 * other numbers {@code Double}, booleans {@code Boolean}; nulls and empty containers are skipped.
 *
 * <p>Log content is untrusted, so discovery is bounded: at most {@value #MAX_FIELDS} fields
 * and {@value #MAX_DEPTH} levels per event, names up to {@value #MAX_NAME} characters. A name starting with {@code @} is stored as
 * {@code json.@name} so that a line can never overwrite a system field.
 */
final class JsonFields {
    static final int MAX_FIELDS = 200;
    static final int MAX_DEPTH = 16;
    static final int MAX_NAME = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {
    }

    /** Adds the fields of a JSON object line; returns the object, or {@code null} when the text is not one. */
    static JsonNode discover(String text, Map<String, Object> into) {
        String trimmed = text.strip();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '{' || trimmed.charAt(trimmed.length() - 1) != '}') {
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return null; // not JSON after all: the line is plain text
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        flatten("", root, 0, into);
        return root;
    }

    private static void flatten(String prefix, JsonNode node, int depth, Map<String, Object> into) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext() && into.size() < MAX_FIELDS) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(name(prefix, e.getKey()), e.getValue(), depth + 1, into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && into.size() < MAX_FIELDS; i++) {
                flatten(name(prefix, Integer.toString(i)), node.get(i), depth + 1, into);
            }
        } else if (into.size() < MAX_FIELDS && !node.isNull() && prefix.length() <= MAX_NAME) {
            into.put(prefix.startsWith("@") ? "json." + prefix : prefix, value(node));
        }
    }

    private static Object value(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static String name(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
