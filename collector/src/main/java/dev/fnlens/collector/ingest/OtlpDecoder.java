package dev.fnlens.collector.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;

/** OTLP/HTTP bodies to and from the opentelemetry-proto messages, protobuf or JSON. */
public final class OtlpDecoder {
    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpDecoder() {
    }

    public static ExportTraceServiceRequest traces(byte[] body, OtlpFormat format) throws MalformedOtlpException {
        return traces(body, format, IngestLimits.defaults());
    }

    /** Decodes after checking the request against the limits on the wire ({@link OtlpShape}). */
    public static ExportTraceServiceRequest traces(byte[] body, OtlpFormat format, IngestLimits limits)
            throws MalformedOtlpException {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        decode(body, format, builder, limits);
        return builder.build();
    }

    public static ExportLogsServiceRequest logs(byte[] body, OtlpFormat format) throws MalformedOtlpException {
        return logs(body, format, IngestLimits.defaults());
    }

    public static ExportLogsServiceRequest logs(byte[] body, OtlpFormat format, IngestLimits limits)
            throws MalformedOtlpException {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        decode(body, format, builder, limits);
        return builder.build();
    }

    /** The response body in the request's format. */
    public static byte[] encode(Message response, OtlpFormat format) {
        if (format == OtlpFormat.PROTOBUF) {
            return response.toByteArray();
        }
        try {
            return JSON_PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + response.getDescriptorForType().getName(), e);
        }
    }

    private static void decode(byte[] body, OtlpFormat format, Message.Builder builder, IngestLimits limits)
            throws MalformedOtlpException {
        OtlpShape.check(body, format, builder.getDescriptorForType(), limits);
        try {
            if (format == OtlpFormat.PROTOBUF) {
                builder.mergeFrom(body);
            } else {
                JSON_PARSER.merge(OtlpJson.toProtoJson(body), builder);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedOtlpException("malformed OTLP " + format.name().toLowerCase(java.util.Locale.ROOT)
                    + " " + builder.getDescriptorForType().getName() + ": " + e.getMessage());
        }
    }
}
