package dev.fnlens.bench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.bench.data.Invocation.AppLine;
import dev.fnlens.bench.data.Invocation.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An invocation as the Lambda log lines the fnlens collector writes for it (REPORT with its status, trigger and
 * X-Ray suffix)
 * (docs/architecture.md, "Map to Lambda lines"), text for text. A test feeds the OTLP
 * encoding through the collector's own mapper and compares, so the two cannot drift apart.
 */
public final class CloudWatchLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double BYTES_PER_MB = 1_000_000d;

    private CloudWatchLines() {
    }

    public static List<LambdaEvent> of(Invocation inv) {
        String group = inv.function().logGroup();
        String stream = inv.logStream();
        String id = inv.requestId();
        long start = inv.startMillis();
        long end = inv.endMillis();
        List<LambdaEvent> out = new ArrayList<>(inv.eventCount());
        out.add(platform(start, group, stream, "START RequestId: " + id + " Version: $LATEST", "START", id));
        for (AppLine line : inv.appLines()) {
            out.add(new LambdaEvent(line.timeMillis(), group, stream,
                    IsoTime.format(line.timeMillis()) + "\t" + id + "\t" + line.level() + "\t" + line.body(),
                    null, id, null, null, null, null, null, line.json()));
        }
        if (inv.status() == Status.ERROR) {
            out.add(errorLine(inv, group, stream, end));
        }
        out.add(platform(end, group, stream, "END RequestId: " + id, "END", id));
        out.add(report(inv, group, stream, end));
        if (inv.status() == Status.TIMEOUT) {
            String text = String.format(Locale.ROOT, "%s %s Task timed out after %.2f seconds",
                    IsoTime.format(end), id, (double) inv.function().timeoutSeconds());
            out.add(new LambdaEvent(end, group, stream, text, null, id, null, null, null, null, null, null));
        }
        return out;
    }

    private static LambdaEvent platform(long ts, String group, String stream, String text, String type, String id) {
        return new LambdaEvent(ts, group, stream, text, type, id, null, null, null, null, null, null);
    }

    private static LambdaEvent report(Invocation inv, String group, String stream, long end) {
        StringBuilder text = new StringBuilder(180)
                .append("REPORT RequestId: ").append(inv.requestId())
                .append(String.format(Locale.ROOT, "\tDuration: %.2f ms", inv.durationMs()))
                .append("\tBilled Duration: ").append(inv.billedMs()).append(" ms")
                .append("\tMemory Size: ").append(inv.function().memoryMb()).append(" MB")
                .append("\tMax Memory Used: ").append(inv.maxMemoryUsedMb()).append(" MB");
        Double init = null;
        if (inv.coldStart()) {
            text.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", inv.initDurationMs()));
            init = inv.initDurationMs();
        }
        if (inv.status() != Status.SUCCESS) {
            text.append("\tStatus: ").append(inv.status().attribute);
        }
        String trigger = inv.function().triggerSource() != null ? inv.function().triggerSource()
                : inv.function().trigger();
        text.append("\tTrigger: ").append(trigger);
        text.append("\tXRAY TraceId: ").append(InvocationGenerator.xrayTraceId(inv.traceIdHigh(), inv.traceIdLow()))
                .append("\tSegmentId: ").append(String.format(Locale.ROOT, "%016x", inv.spanId()))
                .append("\tSampled: true");
        return new LambdaEvent(end, group, stream, text.toString(), "REPORT", inv.requestId(),
                inv.durationMs(), (double) inv.billedMs(), inv.function().memoryMb() * BYTES_PER_MB,
                inv.maxMemoryUsedMb() * BYTES_PER_MB, init, null);
    }

    /** {@code <ts>\t<id>\tERROR\t{"errorType":...,"errorMessage":...,"stackTrace":[...]}}. */
    private static LambdaEvent errorLine(Invocation inv, String group, String stream, long end) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", inv.error().type());
        error.put("errorMessage", inv.error().message());
        error.put("stackTrace", inv.error().frames());
        try {
            String text = IsoTime.format(end) + "\t" + inv.requestId() + "\tERROR\t" + JSON.writeValueAsString(error);
            return new LambdaEvent(end, group, stream, text, null, inv.requestId(),
                    null, null, null, null, null, error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
