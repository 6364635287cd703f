package dev.fnlens.bench.fnlens;

import static dev.fnlens.semconv.FnlensAttributes.*;

import com.google.protobuf.ByteString;
import dev.fnlens.bench.data.Invocation;
import dev.fnlens.bench.data.Invocation.AppLine;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of invocations as the fnlens agent exports them: one resource per execution
 * environment (log stream), one span per invocation with the agent's attributes, and one
 * log record per application line tagged with {@code fnlens.request_id}.
 */
public final class OtlpBatch {
    private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder().setName(SCOPE_NAME).build();

    private OtlpBatch() {
    }

    public static ExportTraceServiceRequest traces(List<Invocation> batch) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byEnvironment(batch).forEach((stream, invocations) -> {
            ScopeSpans.Builder spans = ScopeSpans.newBuilder().setScope(SCOPE);
            invocations.forEach(inv -> spans.addSpans(span(inv)));
            request.addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(resource(invocations.get(0))).addScopeSpans(spans));
        });
        return request.build();
    }

    /** The application lines of the batch, or null when it has none. */
    public static ExportLogsServiceRequest logs(List<Invocation> batch) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        byEnvironment(batch).forEach((stream, invocations) -> {
            ScopeLogs.Builder logs = ScopeLogs.newBuilder().setScope(SCOPE);
            for (Invocation inv : invocations) {
                for (AppLine line : inv.appLines()) {
                    logs.addLogRecords(logRecord(inv, line));
                }
            }
            if (logs.getLogRecordsCount() > 0) {
                request.addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(resource(invocations.get(0))).addScopeLogs(logs));
            }
        });
        return request.getResourceLogsCount() == 0 ? null : request.build();
    }

    private static Map<String, List<Invocation>> byEnvironment(List<Invocation> batch) {
        Map<String, List<Invocation>> groups = new LinkedHashMap<>();
        for (Invocation inv : batch) {
            groups.computeIfAbsent(inv.logStream(), k -> new java.util.ArrayList<>()).add(inv);
        }
        return groups;
    }

    private static Resource resource(Invocation inv) {
        var fn = inv.function();
        return Resource.newBuilder()
                .addAttributes(kv(SERVICE_NAME, fn.name()))
                .addAttributes(kv(FAAS_NAME, fn.name()))
                .addAttributes(kv(FAAS_VERSION, "$LATEST"))
                .addAttributes(kv(FAAS_INSTANCE, inv.logStream()))
                .addAttributes(kv(FAAS_MAX_MEMORY, fn.memoryMb() * 1024L * 1024L))
                .addAttributes(kv(CLOUD_PROVIDER, "aws"))
                .addAttributes(kv(CLOUD_PLATFORM, "aws_lambda"))
                .addAttributes(kv(CLOUD_REGION, "eu-west-1"))
                .addAttributes(kv(LOG_GROUP, fn.logGroup()))
                .build();
    }

    private static Span span(Invocation inv) {
        var fn = inv.function();
        Span.Builder span = Span.newBuilder()
                .setTraceId(traceId(inv))
                .setSpanId(spanId(inv))
                .setName(fn.name())
                .setKind(fn.triggerSource() != null && !"http".equals(fn.trigger())
                        ? Span.SpanKind.SPAN_KIND_CONSUMER : Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(inv.startNanos())
                .setEndTimeUnixNano(inv.endNanos())
                .addAttributes(kv(FAAS_TRIGGER, fn.trigger()))
                .addAttributes(kv(FAAS_INVOCATION_ID, inv.requestId()))
                .addAttributes(kv(FAAS_COLDSTART, inv.coldStart()))
                .addAttributes(kv(DURATION_MS, inv.durationMs()))
                .addAttributes(kv(BILLED_DURATION_MS, inv.billedMs()))
                .addAttributes(kv(MEMORY_SIZE_MB, (long) fn.memoryMb()))
                .addAttributes(kv(MAX_MEMORY_USED_MB, inv.maxMemoryUsedMb()))
                .addAttributes(kv(STATUS, inv.status().attribute))
                .addAttributes(kv(CLOUD_RESOURCE_ID, fn.arn()));
        if (fn.triggerSource() != null) {
            span.addAttributes(kv(TRIGGER_SOURCE, fn.triggerSource()));
        }
        if (inv.coldStart()) {
            span.addAttributes(kv(INIT_DURATION_MS, inv.initDurationMs()));
        }
        switch (inv.status()) {
            case ERROR -> span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                            .setMessage(inv.error().message()))
                    .addEvents(Span.Event.newBuilder().setName(EXCEPTION_EVENT).setTimeUnixNano(inv.endNanos())
                            .addAttributes(kv(EXCEPTION_TYPE, inv.error().type()))
                            .addAttributes(kv(EXCEPTION_MESSAGE, inv.error().message()))
                            .addAttributes(kv(EXCEPTION_STACKTRACE, inv.error().printed())));
            case TIMEOUT -> span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                            .setMessage("timeout"))
                    .addAttributes(kv(TIMEOUT_SECONDS, (long) fn.timeoutSeconds()));
            default -> span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
        }
        return span.build();
    }

    private static LogRecord logRecord(Invocation inv, AppLine line) {
        long nanos = line.timeMillis() * 1_000_000;
        return LogRecord.newBuilder()
                .setTimeUnixNano(nanos)
                .setObservedTimeUnixNano(nanos)
                .setSeverityText(line.level())
                .setSeverityNumber(switch (line.level()) {
                    case "WARN" -> SeverityNumber.SEVERITY_NUMBER_WARN;
                    case "ERROR" -> SeverityNumber.SEVERITY_NUMBER_ERROR;
                    default -> SeverityNumber.SEVERITY_NUMBER_INFO;
                })
                .setBody(AnyValue.newBuilder().setStringValue(line.body()))
                .addAttributes(kv(REQUEST_ID, inv.requestId()))
                .setTraceId(traceId(inv))
                .setSpanId(spanId(inv))
                .build();
    }

    private static ByteString traceId(Invocation inv) {
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(inv.traceIdHigh()).putLong(inv.traceIdLow()).array());
    }

    private static ByteString spanId(Invocation inv) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(inv.spanId()).array());
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue kv(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static KeyValue kv(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    private static KeyValue kv(String key, boolean value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
    }
}
