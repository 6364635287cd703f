package dev.fnlens.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A template value with its location ({@code Resources.Hello.Properties.MemorySize}), so that every error
 * names the resource and property it is about.
 */
record Node(String where, JsonNode value) {

    Node get(String property) {
        return new Node(where + "." + property, value.path(property));
    }

    boolean present() {
        return !value.isMissingNode() && !value.isNull();
    }

    Optional<String> text() {
        if (!present()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new TemplateException(where, "must be a plain value, was " + value);
        }
        return Optional.of(value.asText());
    }

    String requiredText() {
        return text().filter(s -> !s.isBlank()).orElseThrow(() -> new TemplateException(where, "is required"));
    }

    Optional<Integer> integer(int min, int max) {
        return text().map(s -> {
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new TemplateException(where, "must be a whole number, was '" + s + "'");
            }
            if (n < min || n > max) {
                throw new TemplateException(where, "must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        });
    }

    /** The entries of a mapping, in template order; an absent mapping is empty. */
    Map<String, Node> entries() {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (!present()) {
            return entries;
        }
        if (!value.isObject()) {
            throw new TemplateException(where, "must be a mapping");
        }
        value.properties().forEach(e -> entries.put(e.getKey(), new Node(where + "." + e.getKey(), e.getValue())));
        return entries;
    }

    Map<String, String> stringMap() {
        Map<String, String> strings = new LinkedHashMap<>();
        entries().forEach((key, node) -> strings.put(key, node.text().orElse("")));
        return strings;
    }
}
