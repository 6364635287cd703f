package dev.fnlens.collector.ingest;

import static dev.fnlens.collector.OtlpFixtures.attr;
import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Message;
import dev.fnlens.collector.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OtlpShapeTest {
    private static final long NOW = 1_767_225_600_000L;
    private final IngestLimits limits = new IngestLimits(100, 16, 4096);

    @ParameterizedTest
    @EnumSource(OtlpFormat.class)
    void anAgentsBatch_passes(OtlpFormat format) {
        ExportTraceServiceRequest traces = OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                invocation("r-1", NOW), invocation("r-2", NOW));

        assertThatCode(() -> OtlpDecoder.traces(body(traces, format), format, limits)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(OtlpFormat.class)
    void aSpanWithTooManyAttributes_is400_namingTheSpan(OtlpFormat format) {
        Span.Builder wide = invocation("r-2", NOW);
        for (int i = wide.getAttributesCount(); i < 17; i++) {
            wide.addAttributes(attr("extra." + i, i));
        }
        ExportTraceServiceRequest traces = OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                invocation("r-1", NOW), wide);

        LimitExceededException e = refused(() -> OtlpDecoder.traces(body(traces, format), format, limits));

        assertThat(e.limit()).isEqualTo("too_many_attributes");
        assertThat(e.wholeRequest()).isFalse();
        assertThat(e.getMessage()).isEqualTo("span #1 has 17 attributes; the limit is 16");
    }

    @ParameterizedTest
    @EnumSource(OtlpFormat.class)
    void aLogRecordWithTooManyAttributes_is400(OtlpFormat format) {
        LogRecord.Builder record = logRecord("r-1", NOW, "INFO", "hello");
        for (int i = 0; i < 20; i++) {
            record.addAttributes(attr("k" + i, "v"));
        }
        ExportLogsServiceRequest logs = OtlpFixtures.logs("orders", OtlpFixtures.STREAM, record);

        LimitExceededException e = refused(() -> OtlpDecoder.logs(body(logs, format), format, limits));

        assertThat(e.getMessage()).isEqualTo("log record #0 has 21 attributes; the limit is 16");
    }

    @ParameterizedTest
    @EnumSource(OtlpFormat.class)
    void tooManySpansInOneRequest_is413(OtlpFormat format) {
        Span.Builder[] spans = new Span.Builder[101];
        for (int i = 0; i < spans.length; i++) {
            spans[i] = Span.newBuilder().setName("s");
        }
        ExportTraceServiceRequest traces = OtlpFixtures.traces("orders", OtlpFixtures.STREAM, spans);

        LimitExceededException e = refused(() -> OtlpDecoder.traces(body(traces, format), format, limits));

        assertThat(e.limit()).isEqualTo("too_many_items");
        assertThat(e.wholeRequest()).isTrue();
        assertThat(e.getMessage()).contains("more than 100 spans");
    }

    @Test
    void tooManySpanEvents_is400() {
        Span.Builder span = invocation("r-1", NOW);
        for (int i = 0; i <= IngestLimits.MAX_SPAN_EVENTS; i++) {
            span.addEvents(Span.Event.newBuilder().setName("e"));
        }

        LimitExceededException e = refused(() -> OtlpDecoder.traces(
                OtlpFixtures.traces("orders", OtlpFixtures.STREAM, span).toByteArray(), OtlpFormat.PROTOBUF, limits));

        assertThat(e.limit()).isEqualTo("too_many_span_events");
        assertThat(e.getMessage()).isEqualTo("span #0 has 129 events; the limit is 128");
    }

    @Test
    void aSmallBodyOfManyEmptyValues_isRefusedBeforeDecoding() {
        // each empty map entry is 2 bytes on the wire and ~100 bytes once decoded
        KeyValueList.Builder map = KeyValueList.newBuilder();
        for (int i = 0; i <= IngestLimits.MAX_VALUES; i++) {
            map.addValues(KeyValue.getDefaultInstance());
        }
        ExportLogsServiceRequest logs = OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                LogRecord.newBuilder().setBody(AnyValue.newBuilder().setKvlistValue(map)));
        byte[] body = logs.toByteArray();
        assertThat(body.length).isLessThan(1024 * 1024);

        LimitExceededException e = refused(() -> OtlpDecoder.logs(body, OtlpFormat.PROTOBUF, IngestLimits.defaults()));

        assertThat(e.limit()).isEqualTo("too_many_values");
        assertThat(e.wholeRequest()).isTrue();
    }

    @Test
    void unknownFields_countAsValues() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i <= IngestLimits.MAX_VALUES; i++) {
            body.write(15 << 3); // field 15, varint: unknown to ExportLogsServiceRequest
            body.write(0);
        }

        LimitExceededException e = refused(() -> OtlpDecoder.logs(body.toByteArray(), OtlpFormat.PROTOBUF, limits));

        assertThat(e.limit()).isEqualTo("too_many_values");
    }

    @ParameterizedTest
    @EnumSource(OtlpFormat.class)
    void deeplyNestedValues_are400(OtlpFormat format) {
        AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < 40; i++) {
            value = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                    .addValues(KeyValue.newBuilder().setKey("k").setValue(value))).build();
        }
        ExportLogsServiceRequest logs = OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                LogRecord.newBuilder().setBody(value));

        LimitExceededException e = refused(() -> OtlpDecoder.logs(body(logs, format), format, limits));

        assertThat(e.limit()).isEqualTo("too_deep");
    }

    @Test
    void jsonWithProtoFieldNames_isCountedToo() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            attributes.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":{\"int_value\":1}}");
        }
        String json = "{\"resource_logs\":[{\"scope_logs\":[{\"log_records\":[{\"attributes\":[" + attributes + "]}]}]}]}";

        LimitExceededException e = refused(() -> OtlpDecoder.logs(json.getBytes(StandardCharsets.UTF_8),
                OtlpFormat.JSON, limits));

        assertThat(e.limit()).isEqualTo("too_many_attributes");
    }

    @Test
    void aBodyThatCannotBeWalked_isMalformed() {
        byte[] truncated = OtlpFixtures.traces("orders", OtlpFixtures.STREAM, invocation("r-1", NOW)).toByteArray();
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length / 2);

        MalformedOtlpException e = catchThrowableOfType(MalformedOtlpException.class,
                () -> OtlpDecoder.traces(cut, OtlpFormat.PROTOBUF, limits));

        assertThat(e).isNotInstanceOf(LimitExceededException.class);
        assertThat(e.getMessage()).startsWith("malformed OTLP protobuf ExportTraceServiceRequest");
    }

    private static byte[] body(Message message, OtlpFormat format) {
        return format == OtlpFormat.PROTOBUF ? message.toByteArray()
                : OtlpFixtures.otlpJson(message).getBytes(StandardCharsets.UTF_8);
    }

    private static LimitExceededException refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(LimitExceededException.class, call);
    }
}
