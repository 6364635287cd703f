package dev.fnlens.agent.otlp;

import java.util.Map;

/**
 * Who sends: the {@code Resource} (its attributes) and the {@code InstrumentationScope} (its name), encoded
 * once and copied into every request.
 */
public final class OtlpResource {
    private static final int RESOURCE_ATTRIBUTES = 1;
    private static final int SCOPE_NAME = 1;

    private final byte[] resource;
    private final byte[] scope;

    /** @param attributes values are String, Boolean, Long or Double; iteration order is kept */
    public OtlpResource(Map<String, Object> attributes, String scopeName) {
        ProtoWriter out = new ProtoWriter(512);
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            KeyValues.any(out, RESOURCE_ATTRIBUTES, attribute.getKey(), attribute.getValue());
        }
        resource = out.toByteArray();
        out.reset();
        out.stringField(SCOPE_NAME, scopeName);
        scope = out.toByteArray();
    }

    /** The encoded {@code Resource} message. */
    public byte[] resourceBytes() {
        return resource.clone();
    }

    void writeResource(ProtoWriter out, int field) {
        out.bytesField(field, resource, 0, resource.length);
    }

    void writeScope(ProtoWriter out, int field) {
        out.bytesField(field, scope, 0, scope.length);
    }
}
