package dev.fnlens.collector.ingest;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, tolerant reads of OTLP attributes: a number may arrive as int, double or string
 * (senders differ), a missing or unreadable value is {@code null}.
 */
final class Attributes {
    private final Map<String, AnyValue> values;

    private Attributes(Map<String, AnyValue> values) {
        this.values = values;
    }

    static Attributes of(List<KeyValue> attributes) {
        Map<String, AnyValue> values = new HashMap<>(attributes.size() * 2);
        for (KeyValue kv : attributes) {
            values.put(kv.getKey(), kv.getValue());
        }
        return new Attributes(values);
    }

    String string(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return null;
        }
        String s = switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> null;
        };
        return s == null || s.isBlank() ? null : s;
    }

    Double number(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return null;
        }
        return switch (v.getValueCase()) {
            case INT_VALUE -> (double) v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case STRING_VALUE -> parse(v.getStringValue());
            default -> null;
        };
    }

    boolean flag(String key) {
        AnyValue v = values.get(key);
        return v != null && (v.getBoolValue() || "true".equalsIgnoreCase(v.getStringValue()));
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
