package dev.fnlens.collector.ingest;

import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.event.LogEvent;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtlpMapperTest {
    private static final long NOW = 1_767_323_403_173L; // 2026-01-02T03:10:03.173Z

    @Test
    void logRecordWithRequestId_becomesLambdaApplicationLine() {
        var mapped = OtlpMapper.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord("r-1", NOW - 5, "info", "order placed\n")), NOW);

        LogEvent e = mapped.events().get(0);
        assertThat(e.message()).isEqualTo("2026-01-02T03:10:03.168Z\tr-1\tINFO\torder placed");
        assertThat(e.log()).isEqualTo("/aws/lambda/orders");
        assertThat(e.logStream()).isEqualTo(OtlpFixtures.STREAM);
        assertThat(e.timestamp()).isEqualTo(NOW - 5);
        assertThat(e.ingestionTime()).isEqualTo(NOW);
        assertThat(e.get("@requestId")).isEqualTo("r-1");
    }

    @Test
    void logRecordWithoutRequestId_isTheBodyAsIs() {
        var mapped = OtlpMapper.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord(null, NOW, "", "{\"msg\":\"init done\"}")), NOW);

        assertThat(mapped.events().get(0).message()).isEqualTo("{\"msg\":\"init done\"}");
        assertThat(mapped.events().get(0).get("msg")).isEqualTo("init done");
    }

    @Test
    void level_comesFromSeverityNumber_whenThereIsNoText() {
        var warn = logRecord("r-1", NOW, "", "x").setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN).build();
        var none = logRecord("r-1", NOW, "", "x").build();

        assertThat(LogRecordLines.level(warn)).isEqualTo("WARN");
        assertThat(LogRecordLines.level(none)).isEqualTo("INFO");
    }

    @Test
    void structuredBody_becomesJson_soItsFieldsAreDiscovered() {
        var body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(KeyValue.newBuilder().setKey("orderId").setValue(AnyValue.newBuilder().setIntValue(42)))).build();
        var mapped = OtlpMapper.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord("r-1", NOW, "INFO", "").setBody(body)), NOW);

        assertThat(mapped.events().get(0).message()).endsWith("\tINFO\t{\"orderId\":42}");
        assertThat(mapped.events().get(0).get("orderId")).isEqualTo(42L);
    }

    @Test
    void itemsTooOldOrTooFarAhead_areRejectedOneByOne() {
        long old = NOW - Duration.ofDays(15).toMillis();
        long ahead = NOW + Duration.ofHours(3).toMillis();

        var logs = OtlpMapper.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord("r-1", old, "INFO", "old"), logRecord("r-1", NOW, "INFO", "ok"),
                logRecord("r-1", ahead, "INFO", "ahead")), NOW);
        var traces = OtlpMapper.traces(OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                invocation("r-1", old), invocation("r-2", NOW - 1000)), NOW);

        assertThat(logs.events()).extracting(LogEvent::message).singleElement().asString().endsWith("\tok");
        assertThat(logs.rejected()).isEqualTo(2);
        assertThat(logs.rejectReason()).contains("2 log records rejected");
        assertThat(traces.events()).hasSize(3).allMatch(e -> "r-2".equals(e.get("@requestId")));
        assertThat(traces.rejected()).isEqualTo(1);
    }

    @Test
    void hugeMessage_isCutToTheByteLimit_andTheCutIsReported() {
        var mapped = OtlpMapper.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord(null, NOW, "INFO", "x".repeat(IngestLimits.DEFAULT_MAX_EVENT_BYTES + 10)),
                logRecord(null, NOW, "INFO", "short")), NOW);

        assertThat(mapped.events().get(0).message()).hasSize(IngestLimits.DEFAULT_MAX_EVENT_BYTES);
        assertThat(mapped.events().get(1).message()).isEqualTo("short");
        assertThat(mapped.rejected()).isZero();
        assertThat(mapped.warning()).isEqualTo("1 message cut to 262144 bytes (max-event-bytes)");
    }

    @Test
    void multiByteMessage_isCutOnACharacterBoundary() {
        String euros = "\u20ac".repeat(2000); // 3 bytes each
        String emoji = "\uD83D\uDE00".repeat(1000); // 4 bytes each, one surrogate pair

        var mapped = OtlpMapper.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord(null, NOW, "INFO", euros), logRecord(null, NOW, "INFO", emoji)), NOW, 1024);

        assertThat(mapped.events().get(0).message()).isEqualTo("\u20ac".repeat(341));
        assertThat(mapped.events().get(1).message()).isEqualTo("\uD83D\uDE00".repeat(256));
        assertThat(mapped.cut()).isEqualTo(2);
    }
}
