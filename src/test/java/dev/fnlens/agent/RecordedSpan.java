package dev.fnlens.agent;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.List;

/** One span as the collector received it, with typed attribute lookups. */
record RecordedSpan(Resource resource, Span span) {
    String string(String key) {
        AnyValue value = find(span.getAttributesList(), key);
        return value == null ? null : value.getStringValue();
    }

    Long integer(String key) {
        AnyValue value = find(span.getAttributesList(), key);
        return value == null ? null : value.getIntValue();
    }

    Double number(String key) {
        AnyValue value = find(span.getAttributesList(), key);
        return value == null ? null : value.getDoubleValue();
    }

    Boolean flag(String key) {
        AnyValue value = find(span.getAttributesList(), key);
        return value == null ? null : value.getBoolValue();
    }

    String resourceString(String key) {
        AnyValue value = find(resource.getAttributesList(), key);
        return value == null ? null : value.getStringValue();
    }

    String traceId() {
        return HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    String parentSpanId() {
        return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
    }

    List<String> linkedTraceIds() {
        return span.getLinksList().stream().map(l -> HexFormat.of().formatHex(l.getTraceId().toByteArray())).toList();
    }

    private static AnyValue find(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }
}
