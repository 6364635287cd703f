package dev.fnlens.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** OTLP requests as the fnlens agent sends them, built with the proto builders. */
public final class OtlpFixtures {
    public static final String STREAM = "2026/01/02/[$LATEST]0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpFixtures() {
    }

    public static KeyValue attr(String key, Object value) {
        AnyValue.Builder v = AnyValue.newBuilder();
        if (value instanceof Boolean b) {
            v.setBoolValue(b);
        } else if (value instanceof Integer || value instanceof Long) {
            v.setIntValue(((Number) value).longValue());
        } else if (value instanceof Number n) {
            v.setDoubleValue(n.doubleValue());
        } else {
            v.setStringValue(value.toString());
        }
        return KeyValue.newBuilder().setKey(key).setValue(v).build();
    }

    public static Resource resource(String function, String stream) {
        return Resource.newBuilder()
                .addAttributes(attr(FnlensAttributes.FAAS_NAME, function))
                .addAttributes(attr(FnlensAttributes.FAAS_VERSION, "$LATEST"))
                .addAttributes(attr(FnlensAttributes.FAAS_INSTANCE, stream))
                .addAttributes(attr(FnlensAttributes.CLOUD_PROVIDER, "aws"))
                .build();
    }

    /**
     * A successful warm invocation: 102.25 ms, billed 103 ms, 512 MB, 90 MB used; a trace of its own, with trace and
     * span id derived from the request id ({@link #xraySuffix}).
     */
    public static Span.Builder invocation(String requestId, long startMillis) {
        long start = startMillis * 1_000_000;
        byte[] ids = ids(requestId);
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(ids, 0, 16))
                .setSpanId(ByteString.copyFrom(ids, 16, 8))
                .setName("orders")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + 102_250_000L)
                .addAttributes(attr(FnlensAttributes.FAAS_INVOCATION_ID, requestId))
                .addAttributes(attr(FnlensAttributes.FAAS_COLDSTART, false))
                .addAttributes(attr(FnlensAttributes.DURATION_MS, 102.25))
                .addAttributes(attr(FnlensAttributes.BILLED_DURATION_MS, 103))
                .addAttributes(attr(FnlensAttributes.MEMORY_SIZE_MB, 512))
                .addAttributes(attr(FnlensAttributes.MAX_MEMORY_USED_MB, 90))
                .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_SUCCESS));
    }

    /** The X-Ray suffix of the REPORT line of {@link #invocation}{@code (requestId, ...)}. */
    public static String xraySuffix(String requestId) {
        String hex = HexFormat.of().formatHex(ids(requestId));
        return "\tXRAY TraceId: 1-" + hex.substring(0, 8) + "-" + hex.substring(8, 32) + "\tSegmentId: "
                + hex.substring(32, 48) + "\tSampled: true";
    }

    private static byte[] ids(String requestId) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(requestId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static ExportTraceServiceRequest traces(String function, String stream, Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span.Builder s : spans) {
            scope.addSpans(s);
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource(function, stream)).addScopeSpans(scope))
                .build();
    }

    public static LogRecord.Builder logRecord(String requestId, long timeMillis, String severity, String body) {
        LogRecord.Builder r = LogRecord.newBuilder()
                .setTimeUnixNano(timeMillis * 1_000_000)
                .setSeverityText(severity)
                .setBody(AnyValue.newBuilder().setStringValue(body));
        if (requestId != null) {
            r.addAttributes(attr(FnlensAttributes.REQUEST_ID, requestId));
        }
        return r;
    }

    public static ExportLogsServiceRequest logs(String function, String stream, LogRecord.Builder... records) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (LogRecord.Builder r : records) {
            scope.addLogRecords(r);
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(function, stream)).addScopeLogs(scope))
                .build();
    }

    /** OTLP JSON: protobuf's JSON mapping, with trace and span ids as hex instead of base64. */
    public static String otlpJson(MessageOrBuilder message) {
        try {
            JsonNode tree = JSON.readTree(JsonFormat.printer().print(message));
            base64IdsToHex(tree);
            return tree.toString();
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void base64IdsToHex(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (List.of("traceId", "spanId", "parentSpanId").contains(e.getKey())) {
                    ((ObjectNode) node).put(e.getKey(),
                            HexFormat.of().formatHex(Base64.getDecoder().decode(e.getValue().asText())));
                } else {
                    base64IdsToHex(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(OtlpFixtures::base64IdsToHex);
        }
    }
}
