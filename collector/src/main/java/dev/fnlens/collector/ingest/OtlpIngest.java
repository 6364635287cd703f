package dev.fnlens.collector.ingest;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;

/**
 * An OTLP export body to durable events and the OTLP response: partial success when items
 * were refused, and as a warning when messages were cut.
 */
public final class OtlpIngest {
    private final EventSink sink;
    private final IngestLimits limits;

    /** What one request added, and the response to send. */
    public record Accepted(Message response, int events) {
    }

    public OtlpIngest(EventSink sink) {
        this(sink, IngestLimits.defaults());
    }

    public OtlpIngest(EventSink sink, IngestLimits limits) {
        this.sink = sink;
        this.limits = limits;
    }

    public Accepted traces(byte[] body, OtlpFormat format, long now) throws MalformedOtlpException, IOException {
        OtlpMapper.Mapped mapped = OtlpMapper.traces(OtlpDecoder.traces(body, format, limits), now,
                limits.maxEventBytes());
        store(mapped);
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (!mapped.warning().isEmpty()) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(mapped.rejected()).setErrorMessage(mapped.warning()));
        }
        return new Accepted(response.build(), mapped.events().size());
    }

    public Accepted logs(byte[] body, OtlpFormat format, long now) throws MalformedOtlpException, IOException {
        OtlpMapper.Mapped mapped = OtlpMapper.logs(OtlpDecoder.logs(body, format, limits), now,
                limits.maxEventBytes());
        store(mapped);
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (!mapped.warning().isEmpty()) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(mapped.rejected()).setErrorMessage(mapped.warning()));
        }
        return new Accepted(response.build(), mapped.events().size());
    }

    private void store(OtlpMapper.Mapped mapped) throws IOException {
        if (!mapped.events().isEmpty()) {
            sink.append(mapped.events());
        }
    }
}
