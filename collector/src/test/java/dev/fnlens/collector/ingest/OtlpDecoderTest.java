package dev.fnlens.collector.ingest;

import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpDecoderTest {
    private final ExportTraceServiceRequest traces =
            OtlpFixtures.traces("orders", OtlpFixtures.STREAM, withIds(invocation("r-1", 1_000)), invocation("r-2", 2_000));

    private static io.opentelemetry.proto.trace.v1.Span.Builder withIds(io.opentelemetry.proto.trace.v1.Span.Builder span) {
        return span.setTraceId(com.google.protobuf.ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(com.google.protobuf.ByteString.fromHex("eee19b7ec3c1b174"));
    }

    @Test
    void protobuf_decodesToTheSameRequest() throws Exception {
        assertThat(OtlpDecoder.traces(traces.toByteArray(), OtlpFormat.PROTOBUF)).isEqualTo(traces);
    }

    @Test
    void otlpJson_withHexIds_decodesToTheSameRequest() throws Exception {
        String json = OtlpFixtures.otlpJson(traces);
        assertThat(json).contains("\"traceId\":\"5b8efff798038103d269b633813fc60c\"");

        assertThat(OtlpDecoder.traces(json.getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON)).isEqualTo(traces);
    }

    @Test
    void otlpJson_writtenByHand_isUnderstood() throws Exception {
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"faas.name","value":{"stringValue":"orders"}}]},
                  "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                    "name":"orders","kind":2,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
                    "attributes":[{"key":"faas.invocation_id","value":{"stringValue":"r-1"}},
                                  {"key":"fnlens.memory_size_mb","value":{"intValue":"512"}}],
                    "unknownField":1}]}]}]}
                """;

        var span = OtlpDecoder.traces(json.getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON)
                .getResourceSpans(0).getScopeSpans(0).getSpans(0);

        assertThat(HexFormat.of().formatHex(span.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1544712661000000000L);
        assertThat(span.getAttributes(1).getValue().getIntValue()).isEqualTo(512);
    }

    @Test
    void logs_decodeInBothFormats() throws Exception {
        ExportLogsServiceRequest logs = OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord("r-1", 1_000, "INFO", "hello"));

        assertThat(OtlpDecoder.logs(logs.toByteArray(), OtlpFormat.PROTOBUF)).isEqualTo(logs);
        assertThat(OtlpDecoder.logs(OtlpFixtures.otlpJson(logs).getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON))
                .isEqualTo(logs);
    }

    @Test
    void garbage_isMalformed_withAReason() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};

        assertThatThrownBy(() -> OtlpDecoder.traces(garbage, OtlpFormat.PROTOBUF))
                .isInstanceOf(MalformedOtlpException.class).hasMessageContaining("malformed OTLP protobuf");
        assertThatThrownBy(() -> OtlpDecoder.traces("{\"resourceSpans\":".getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON))
                .isInstanceOf(MalformedOtlpException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> OtlpDecoder.traces("[1,2]".getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON))
                .isInstanceOf(MalformedOtlpException.class);
        assertThatThrownBy(() -> OtlpDecoder.traces("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"xyz\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON))
                .isInstanceOf(MalformedOtlpException.class).hasMessageContaining("spanId is not hex");
        assertThatThrownBy(() -> OtlpDecoder.traces("{\"resourceSpans\":7}".getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON))
                .isInstanceOf(MalformedOtlpException.class);
    }

    @Test
    void response_isEncodedInTheRequestFormat() {
        ExportTraceServiceResponse empty = ExportTraceServiceResponse.getDefaultInstance();

        assertThat(OtlpDecoder.encode(empty, OtlpFormat.PROTOBUF)).isEmpty();
        assertThat(new String(OtlpDecoder.encode(empty, OtlpFormat.JSON), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void contentType_parametersAndCaseAreIgnored() {
        assertThat(OtlpFormat.ofContentType("application/JSON; charset=utf-8")).contains(OtlpFormat.JSON);
        assertThat(OtlpFormat.ofContentType("application/x-protobuf")).contains(OtlpFormat.PROTOBUF);
        assertThat(OtlpFormat.ofContentType("text/plain")).isEmpty();
        assertThat(OtlpFormat.ofContentType(null)).isEmpty();
    }
}
