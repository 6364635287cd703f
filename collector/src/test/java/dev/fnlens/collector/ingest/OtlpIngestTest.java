package dev.fnlens.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.event.LogEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpIngestTest {
    private static final long NOW = 1_767_225_600_000L;

    @Test
    void aMessageOverTheEventLimit_isCutAndStored_andTheAnswerSaysSo() throws Exception {
        List<LogEvent> stored = new ArrayList<>();
        OtlpIngest ingest = new OtlpIngest(stored::addAll, new IngestLimits(10, 16, 1024));

        OtlpIngest.Accepted accepted = ingest.logs(OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                OtlpFixtures.logRecord(null, NOW, "INFO", "x".repeat(2_000))).toByteArray(), OtlpFormat.PROTOBUF, NOW);

        ExportLogsServiceResponse response = (ExportLogsServiceResponse) accepted.response();
        assertThat(response.getPartialSuccess().getRejectedLogRecords()).isZero();
        assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo("1 message cut to 1024 bytes (max-event-bytes)");
        assertThat(stored).singleElement().satisfies(e -> assertThat(e.message()).hasSize(1024));
    }
}
