package dev.fnlens.collector.ingest;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * Typed, tolerant reads of OTLP attributes: a number may arrive as int, double or string
 * (senders differ), a missing or unreadable value is {@code null}.
 */
final class Attributes {
    private final List<KeyValue> attributes;

    private Attributes(List<KeyValue> attributes) {
        this.attributes = attributes;
    }

    /** A view: spans carry a dozen attributes, so a scan is cheaper than a map (the last of equal keys wins). */
    static Attributes of(List<KeyValue> attributes) {
        return new Attributes(attributes);
    }

    private AnyValue get(String key) {
        for (int i = attributes.size() - 1; i >= 0; i--) {
            KeyValue kv = attributes.get(i);
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }

    String string(String key) {
        AnyValue v = get(key);
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
        AnyValue v = get(key);
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
        AnyValue v = get(key);
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
