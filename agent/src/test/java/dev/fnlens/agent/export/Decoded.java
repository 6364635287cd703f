package dev.fnlens.agent.export;

import dev.fnlens.agent.otlp.OtlpBatch;
import dev.fnlens.agent.otlp.ProtoWriter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** What the agent encoded, parsed back with opentelemetry-proto's own classes. */
final class Decoded {
    private Decoded() {
    }

    static ExportTraceServiceRequest traces(OtlpBatch batch) throws Exception {
        ProtoWriter out = batch.finish();
        return ExportTraceServiceRequest.parseFrom(java.util.Arrays.copyOf(out.buffer(), out.size()));
    }

    static ExportLogsServiceRequest logs(OtlpBatch batch) throws Exception {
        ProtoWriter out = batch.finish();
        return ExportLogsServiceRequest.parseFrom(java.util.Arrays.copyOf(out.buffer(), out.size()));
    }

    /** The value of {@code key}, or null. */
    static AnyValue attribute(List<KeyValue> attributes, String key) {
        AnyValue found = null;
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                if (found != null) {
                    throw new AssertionError("attribute " + key + " twice");
                }
                found = attribute.getValue();
            }
        }
        return found;
    }

    static String string(List<KeyValue> attributes, String key) {
        AnyValue value = attribute(attributes, key);
        if (value == null) {
            return null;
        }
        if (value.getValueCase() != AnyValue.ValueCase.STRING_VALUE) {
            throw new AssertionError(key + " is not a string: " + value);
        }
        return value.getStringValue();
    }

    static Long integer(List<KeyValue> attributes, String key) {
        AnyValue value = attribute(attributes, key);
        if (value == null) {
            return null;
        }
        if (value.getValueCase() != AnyValue.ValueCase.INT_VALUE) {
            throw new AssertionError(key + " is not an int: " + value);
        }
        return value.getIntValue();
    }

    static Double number(List<KeyValue> attributes, String key) {
        AnyValue value = attribute(attributes, key);
        if (value == null) {
            return null;
        }
        if (value.getValueCase() != AnyValue.ValueCase.DOUBLE_VALUE) {
            throw new AssertionError(key + " is not a double: " + value);
        }
        return value.getDoubleValue();
    }

    static Boolean flag(List<KeyValue> attributes, String key) {
        AnyValue value = attribute(attributes, key);
        if (value == null) {
            return null;
        }
        if (value.getValueCase() != AnyValue.ValueCase.BOOL_VALUE) {
            throw new AssertionError(key + " is not a bool: " + value);
        }
        return value.getBoolValue();
    }
}
