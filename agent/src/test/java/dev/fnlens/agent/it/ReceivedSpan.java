package dev.fnlens.agent.it;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** One decoded span with its resource, and typed attribute look-ups. */
record ReceivedSpan(Resource resource, InstrumentationScope scope, Span span) {

    String requestId() {
        return attribute("faas.invocation_id").getStringValue();
    }

    boolean has(String key) {
        return find(span.getAttributesList(), key) != null;
    }

    AnyValue attribute(String key) {
        return require(span.getAttributesList(), key, "span");
    }

    AnyValue resourceAttribute(String key) {
        return require(resource.getAttributesList(), key, "resource");
    }

    boolean resourceHas(String key) {
        return find(resource.getAttributesList(), key) != null;
    }

    private static AnyValue require(List<KeyValue> attributes, String key, String where) {
        AnyValue value = find(attributes, key);
        if (value == null) {
            throw new AssertionError("no " + where + " attribute " + key + " in " + attributes);
        }
        return value;
    }

    private static AnyValue find(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                return attribute.getValue();
            }
        }
        return null;
    }
}
