package dev.fnlens.bench.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.bench.data.Invocation.AppLine;
import dev.fnlens.bench.data.Invocation.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A function's own log lines: 0 to 3 per invocation, plain text or Powertools-style JSON.
 * Two kinds are rare on purpose so that the full-text benchmark has selective needles:
 * "throttled" (about 1 % of lines) and "declined by issuer" (failed payments).
 */
final class AppLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] COUNT_CDF = {0.20, 0.55, 0.85, 1.0}; // 0, 1, 2, 3 lines

    private final SplittableRandom rng;

    AppLines(SplittableRandom rng) {
        this.rng = rng;
    }

    List<AppLine> of(FunctionProfile fn, String requestId, String xrayTraceId, boolean cold, long startMs,
                     double durationMs, Failure failure) {
        double r = rng.nextDouble();
        int count = 0;
        while (r >= COUNT_CDF[count]) {
            count++;
        }
        List<AppLine> lines = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            long ts = startMs + (long) (durationMs * (i + 1) / (count + 2));
            lines.add(line(fn, requestId, xrayTraceId, cold, ts, i));
        }
        if (failure != null && failure.message().contains("declined")) {
            String text = "payment declined by issuer for order o-" + rng.nextInt(1_000_000);
            lines.add(render(fn, requestId, xrayTraceId, cold, startMs + (long) durationMs, "WARN", text));
        }
        return lines;
    }

    private AppLine line(FunctionProfile fn, String requestId, String xrayTraceId, boolean cold, long ts, int index) {
        String entity = fn.name().substring(0, fn.name().indexOf('-'));
        int id = rng.nextInt(1_000_000);
        int ms = 1 + rng.nextInt(250);
        if (rng.nextDouble() < 0.01) {
            return render(fn, requestId, xrayTraceId, cold, ts, "WARN", String.format(Locale.ROOT,
                    "DynamoDB request throttled, retrying in %d ms (attempt %d)", ms, 1 + rng.nextInt(3)));
        }
        String text = switch (index) {
            case 0 -> fn.triggerSource() != null
                    ? "Received event from " + fn.triggerSource() + " with " + (1 + rng.nextInt(10)) + " records"
                    : "Handling GET /" + entity + "/" + id;
            case 1 -> "Fetched " + rng.nextInt(50) + " items from DynamoDB table " + entity + " in " + ms + " ms";
            default -> "Processed " + entity + " " + entity.charAt(0) + "-" + id + " in " + ms + " ms";
        };
        return render(fn, requestId, xrayTraceId, cold, ts, "INFO", text);
    }

    private AppLine render(FunctionProfile fn, String requestId, String xrayTraceId, boolean cold, long ts,
                           String level, String text) {
        if (!fn.json()) {
            return new AppLine(ts, level, text, null);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("timestamp", IsoTime.format(ts));
        fields.put("level", level);
        fields.put("message", text);
        fields.put("service", fn.name());
        fields.put("cold_start", cold);
        fields.put("function_name", fn.name());
        fields.put("function_memory_size", fn.memoryMb());
        fields.put("function_arn", fn.arn());
        fields.put("function_request_id", requestId);
        fields.put("xray_trace_id", xrayTraceId);
        try {
            return new AppLine(ts, level, JSON.writeValueAsString(fields), fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serializes", e);
        }
    }
}
