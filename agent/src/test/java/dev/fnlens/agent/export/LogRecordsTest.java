package dev.fnlens.agent.export;

import static dev.fnlens.agent.export.Decoded.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.agent.logs.LogEntry;
import dev.fnlens.agent.otlp.LogBatch;
import dev.fnlens.agent.otlp.OtlpResource;
import dev.fnlens.agent.trace.SpanContext;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogRecordsTest {
    private static final long TS = 1_700_000_000_123_456_789L;

    private final LogBatch batch = new LogBatch(new OtlpResource(Map.of("faas.name", "orders"), "dev.fnlens.agent"));
    private final LogRecords records = new LogRecords();

    @Test
    void consoleLine_ofAKnownInvocation_pointsAtItsSpan() throws Exception {
        SpanContext span = SpanContext.newSpan(null);
        records.spanRecorded("req-1", span);

        records.record(new LogEntry(TS, "req-1", "INFO", "order o-1 accepted ✓ 😀", "stdout"), batch);
        LogRecord record = only(Decoded.logs(batch));

        assertThat(record.getTimeUnixNano()).isEqualTo(TS);
        assertThat(record.getObservedTimeUnixNano()).isEqualTo(TS);
        assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
        assertThat(record.getSeverityText()).isEqualTo("INFO");
        assertThat(record.getBody().getStringValue()).isEqualTo("order o-1 accepted ✓ 😀");
        assertThat(string(record.getAttributesList(), "fnlens.request_id")).isEqualTo("req-1");
        assertThat(string(record.getAttributesList(), "fnlens.log.source")).isEqualTo("stdout");
        assertThat(string(record.getAttributesList(), "log.iostream")).isEqualTo("stdout");
        assertThat(record.getTraceId().size()).isEqualTo(16);
        assertThat(record.getSpanId().toByteArray()).isEqualTo(longBytes(span.spanId()));
        assertThat(record.getFlags()).isEqualTo(1);
    }

    @Test
    void frameworkLine_beforeAnyInvocation_hasNoRequestIdNorSpan() throws Exception {
        records.record(new LogEntry(TS, null, "WARN", "starting", "log4j2"), batch);
        LogRecord record = only(Decoded.logs(batch));

        assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(string(record.getAttributesList(), "fnlens.request_id")).isNull();
        assertThat(string(record.getAttributesList(), "log.iostream")).isNull();
        assertThat(string(record.getAttributesList(), "fnlens.log.source")).isEqualTo("log4j2");
        assertThat(record.getTraceId().isEmpty()).isTrue();
        assertThat(record.getFlags()).isZero();
    }

    @Test
    void levels_mapToSeverityNumbers() {
        assertThat(LogRecords.severity("TRACE")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_TRACE_VALUE);
        assertThat(LogRecords.severity("DEBUG")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_DEBUG_VALUE);
        assertThat(LogRecords.severity("INFO")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO_VALUE);
        assertThat(LogRecords.severity("ERROR")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR_VALUE);
        assertThat(LogRecords.severity("FATAL")).isEqualTo(SeverityNumber.SEVERITY_NUMBER_FATAL_VALUE);
    }

    @Test
    void aRecordThatFailsHalfWritten_isLeftOut_andTheRequestStaysValid() throws Exception {
        records.record(new LogEntry(TS, null, "INFO", "first", "stdout"), batch);
        int before = batch.size();
        try {
            records.record(new LogEntry(TS, null, "INFO", "broken", null), batch);
        } catch (NullPointerException expected) {
            batch.abandonItem(before);
        }
        records.record(new LogEntry(TS, null, "INFO", "third", "stdout"), batch);

        ScopeLogs scope = Decoded.logs(batch).getResourceLogs(0).getScopeLogs(0);
        assertThat(scope.getLogRecordsList()).extracting(r -> r.getBody().getStringValue())
                .containsExactly("first", "third");
    }

    private static LogRecord only(ExportLogsServiceRequest request) {
        assertThat(request.getResourceLogsCount()).isEqualTo(1);
        assertThat(string(request.getResourceLogs(0).getResource().getAttributesList(), "faas.name")).isEqualTo("orders");
        assertThat(request.getResourceLogs(0).getScopeLogs(0).getScope().getName()).isEqualTo("dev.fnlens.agent");
        assertThat(request.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).isEqualTo(1);
        return request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    }

    private static byte[] longBytes(long value) {
        return java.nio.ByteBuffer.allocate(8).putLong(value).array();
    }
}
