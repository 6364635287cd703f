package dev.fnlens.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtoWriterTest {

    @Test
    void scalars_readBackWithProtobufsOwnDecoder() throws Exception {
        ProtoWriter out = new ProtoWriter(1);
        out.varintField(1, 300);
        out.varintField(2, -1);
        out.fixed64Field(3, 1_700_000_000_123_456_789L);
        out.fixed32Field(4, 0x301);
        out.doubleField(5, 102.25);
        out.boolField(6, false);

        CodedInputStream in = CodedInputStream.newInstance(out.toByteArray());
        assertThat(in.readTag()).isEqualTo(1 << 3);
        assertThat(in.readInt64()).isEqualTo(300);
        assertThat(in.readTag()).isEqualTo(2 << 3);
        assertThat(in.readInt64()).isEqualTo(-1);
        assertThat(in.readTag()).isEqualTo(3 << 3 | 1);
        assertThat(in.readFixed64()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(in.readTag()).isEqualTo(4 << 3 | 5);
        assertThat(in.readFixed32()).isEqualTo(0x301);
        assertThat(in.readTag()).isEqualTo(5 << 3 | 1);
        assertThat(in.readDouble()).isEqualTo(102.25);
        assertThat(in.readTag()).isEqualTo(6 << 3);
        assertThat(in.readBool()).isFalse();
        assertThat(in.isAtEnd()).isTrue();
    }

    @Test
    void strings_areUtf8_asJavaEncodesThem() throws Exception {
        String text = "plain, ümlaut, ✓, 😀, lone \ud800 surrogate";
        ProtoWriter out = new ProtoWriter(4);
        out.stringField(1, text);

        CodedInputStream in = CodedInputStream.newInstance(out.toByteArray());
        in.readTag();
        assertThat(in.readByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestedMessages_ofEverySize_haveShortestLengths() throws Exception {
        for (int length : new int[] {0, 1, 127, 128, 16_383, 16_384, 2_100_000}) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("k", "x".repeat(length));
            attributes.put("n", 42L);
            attributes.put("b", true);
            attributes.put("d", 0.5);

            byte[] encoded = new OtlpResource(attributes, "scope").resourceBytes();
            Resource resource = Resource.parseFrom(encoded);

            assertThat(resource.getAttributesList()).containsExactly(
                    kv("k", AnyValue.newBuilder().setStringValue("x".repeat(length)).build()),
                    kv("n", AnyValue.newBuilder().setIntValue(42).build()),
                    kv("b", AnyValue.newBuilder().setBoolValue(true).build()),
                    kv("d", AnyValue.newBuilder().setDoubleValue(0.5).build()));
            assertThat(encoded).as("canonical, as protobuf itself writes it").isEqualTo(resource.toByteArray());
        }
    }

    @Test
    void reset_letsABufferThatGrewLargeGo() {
        ProtoWriter out = new ProtoWriter(16);
        out.stringField(1, "x".repeat(1_000_000));

        out.reset();

        assertThat(out.size()).isZero();
        assertThat(out.buffer().length).isLessThan(1_000_000);
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
