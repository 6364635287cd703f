package dev.fnlens.collector.hostile;

import com.google.protobuf.ByteString;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Random;

/**
 * Well-formed OTLP requests with hostile content: the attribute names fnlens reads, given
 * values of every type and edge (NaN, negative, huge, empty, control characters, lone
 * surrogates, JSON that nests or lies), timestamps mostly near now and sometimes anywhere.
 */
final class RandomOtlp {
    private static final List<String> RESOURCE_KEYS = List.of(FnlensAttributes.FAAS_NAME, FnlensAttributes.SERVICE_NAME,
            FnlensAttributes.FAAS_VERSION, FnlensAttributes.FAAS_INSTANCE, FnlensAttributes.FAAS_MAX_MEMORY,
            FnlensAttributes.LOG_GROUP, FnlensAttributes.CLOUD_REGION, "x");
    private static final List<String> SPAN_KEYS = List.of(FnlensAttributes.FAAS_INVOCATION_ID,
            FnlensAttributes.DURATION_MS, FnlensAttributes.BILLED_DURATION_MS, FnlensAttributes.MEMORY_SIZE_MB,
            FnlensAttributes.MAX_MEMORY_USED_MB, FnlensAttributes.INIT_DURATION_MS, FnlensAttributes.FAAS_COLDSTART,
            FnlensAttributes.STATUS, FnlensAttributes.TIMEOUT_SECONDS, FnlensAttributes.TRIGGER_SOURCE, "y");
    private static final List<String> STRINGS = List.of("", " ", "success", "error", "timeout", "true", "NaN",
            "-Infinity", "1e309", "-1", "0x10", "orders", "/aws/lambda/x", "@timestamp", "\t\n\r", "\u0000",
            "\ud800", "\udfff\ud800", "\u202e", "{\"a\":", "{\"@message\":1,\"a\":{\"b\":[1,2,{\"c\":null}]}}",
            "START RequestId: x Version: 1", "REPORT RequestId: r\tDuration: -1 ms\tBilled Duration: 1e400 ms",
            "<script>alert(1)</script>", "../../etc/passwd", "%s%n%x", "*", "\\", "\"");

    private final Random r;
    private final long now;

    RandomOtlp(Random r, long now) {
        this.r = r;
        this.now = now;
    }

    ExportTraceServiceRequest traces() {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int i = r.nextInt(3); i >= 0; i--) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (int s = r.nextInt(6); s > 0; s--) {
                scope.addSpans(span());
            }
            request.addResourceSpans(ResourceSpans.newBuilder().setResource(resource()).addScopeSpans(scope));
        }
        return request.build();
    }

    ExportLogsServiceRequest logs() {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (int i = r.nextInt(3); i >= 0; i--) {
            ScopeLogs.Builder scope = ScopeLogs.newBuilder();
            for (int s = r.nextInt(8); s > 0; s--) {
                LogRecord.Builder record = LogRecord.newBuilder().setTimeUnixNano(nanos())
                        .setSeverityNumberValue(r.nextInt(30) - 2).setBody(value(0));
                if (r.nextBoolean()) {
                    record.setSeverityText(string());
                }
                if (r.nextInt(3) > 0) {
                    record.addAttributes(kv(FnlensAttributes.REQUEST_ID, r.nextBoolean() ? string() : id()));
                }
                scope.addLogRecords(record);
            }
            request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource()).addScopeLogs(scope));
        }
        return request.build();
    }

    private Resource resource() {
        Resource.Builder resource = Resource.newBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            resource.addAttributes(KeyValue.newBuilder().setKey(pick(RESOURCE_KEYS)).setValue(value(1)));
        }
        return resource.build();
    }

    private Span span() {
        long start = nanos();
        Span.Builder span = Span.newBuilder().setName(string())
                .setTraceId(ByteString.copyFrom(Mutator.randomBytes(r, r.nextInt(5) == 0 ? r.nextInt(40) : 16)))
                .setSpanId(ByteString.copyFrom(Mutator.randomBytes(r, 8)))
                .setKindValue(r.nextInt(8))
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(r.nextInt(5) == 0 ? nanos() : start + r.nextInt(1_000_000_000));
        if (r.nextInt(4) > 0) {
            span.addAttributes(kv(FnlensAttributes.FAAS_INVOCATION_ID, id()));
        }
        for (int i = r.nextInt(10); i > 0; i--) {
            span.addAttributes(KeyValue.newBuilder().setKey(pick(SPAN_KEYS)).setValue(value(1)));
        }
        if (r.nextInt(3) == 0) {
            span.setStatus(Status.newBuilder().setCodeValue(r.nextInt(4)).setMessage(string()));
            Span.Event.Builder exception = Span.Event.newBuilder().setName(r.nextBoolean() ? "exception" : string());
            for (String key : List.of(FnlensAttributes.EXCEPTION_TYPE, FnlensAttributes.EXCEPTION_MESSAGE,
                    FnlensAttributes.EXCEPTION_STACKTRACE)) {
                if (r.nextBoolean()) {
                    exception.addAttributes(KeyValue.newBuilder().setKey(key).setValue(value(1)));
                }
            }
            span.addEvents(exception);
        }
        return span.build();
    }

    private AnyValue value(int depth) {
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (r.nextInt(depth > 4 ? 6 : 9)) {
            case 0, 1 -> v.setStringValue(string());
            case 2 -> v.setIntValue(pick(List.of(0L, -1L, 1L, 512L, Long.MAX_VALUE, Long.MIN_VALUE, r.nextLong())));
            case 3 -> v.setDoubleValue(pick(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, 102.25, -1e300, r.nextDouble())));
            case 4 -> v.setBoolValue(r.nextBoolean());
            case 5 -> v.setBytesValue(ByteString.copyFrom(Mutator.randomBytes(r, r.nextInt(64))));
            case 6 -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                for (int i = r.nextInt(5); i > 0; i--) {
                    array.addValues(value(depth + 1));
                }
                v.setArrayValue(array);
            }
            case 7 -> {
                KeyValueList.Builder map = KeyValueList.newBuilder();
                for (int i = r.nextInt(5); i > 0; i--) {
                    map.addValues(KeyValue.newBuilder().setKey(string()).setValue(value(depth + 1)));
                }
                v.setKvlistValue(map);
            }
            default -> {
                // leave the value unset
            }
        }
        return v.build();
    }

    /** Mostly within the accepted window around now, sometimes anywhere. */
    private long nanos() {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> r.nextLong();
            case 2 -> Long.MAX_VALUE;
            case 3 -> (now - 20L * 86_400_000) * 1_000_000;
            default -> (now - r.nextInt(3_600_000)) * 1_000_000;
        };
    }

    private String string() {
        return switch (r.nextInt(6)) {
            case 0 -> randomText(r.nextInt(r.nextInt(100) == 0 ? 300_000 : 200));
            case 1 -> id();
            default -> pick(STRINGS);
        };
    }

    private String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x10000) : 0x20 + r.nextInt(0x5f)));
        }
        return s.toString();
    }

    private String id() {
        return "fz-" + Long.toHexString(r.nextLong());
    }

    private KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
    }
}
