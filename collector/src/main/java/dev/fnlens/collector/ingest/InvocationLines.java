package dev.fnlens.collector.ingest;

import static dev.fnlens.semconv.FnlensAttributes.BILLED_DURATION_MS;
import static dev.fnlens.semconv.FnlensAttributes.HTTP_RESPONSE_STATUS_CODE;
import static dev.fnlens.semconv.FnlensAttributes.URL_PATH;
import static dev.fnlens.semconv.FnlensAttributes.HTTP_ROUTE;
import static dev.fnlens.semconv.FnlensAttributes.HTTP_REQUEST_METHOD;
import static dev.fnlens.semconv.FnlensAttributes.TRIGGER_BATCH_SIZE;
import static dev.fnlens.semconv.FnlensAttributes.TRIGGER_RESOURCE;
import static dev.fnlens.semconv.FnlensAttributes.TRIGGER_SOURCE;
import static dev.fnlens.semconv.FnlensAttributes.FAAS_TRIGGER;
import static dev.fnlens.semconv.FnlensAttributes.DURATION_MS;
import static dev.fnlens.semconv.FnlensAttributes.EXCEPTION_EVENT;
import static dev.fnlens.semconv.FnlensAttributes.EXCEPTION_MESSAGE;
import static dev.fnlens.semconv.FnlensAttributes.EXCEPTION_STACKTRACE;
import static dev.fnlens.semconv.FnlensAttributes.EXCEPTION_TYPE;
import static dev.fnlens.semconv.FnlensAttributes.FAAS_COLDSTART;
import static dev.fnlens.semconv.FnlensAttributes.FAAS_INVOCATION_ID;
import static dev.fnlens.semconv.FnlensAttributes.INIT_DURATION_MS;
import static dev.fnlens.semconv.FnlensAttributes.MAX_MEMORY_USED_MB;
import static dev.fnlens.semconv.FnlensAttributes.MEMORY_SIZE_MB;
import static dev.fnlens.semconv.FnlensAttributes.STATUS;
import static dev.fnlens.semconv.FnlensAttributes.STATUS_ERROR;
import static dev.fnlens.semconv.FnlensAttributes.STATUS_SUCCESS;
import static dev.fnlens.semconv.FnlensAttributes.STATUS_TIMEOUT;
import static dev.fnlens.semconv.FnlensAttributes.TIMEOUT_SECONDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.event.IsoTime;
import dev.fnlens.collector.event.LogEvent;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One invocation span to the lines Lambda writes for it (see reference/lambda-logs.md):
 * START, an ERROR line for a failed invocation, END, REPORT (with the trigger and, as with active tracing,
 * the X-Ray suffix), and the timeout line.
 */
final class InvocationLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** Trigger values are names and routes; a longer one is cut rather than bloating every REPORT line. */
    private static final int MAX_PART_CHARS = 256;

    private InvocationLines() {
    }

    /** The lines of an invocation span; empty for a span that is not an invocation. */
    static List<LogEvent> of(Span span, ResourceInfo resource, long ingestionTime) {
        Attributes attrs = Attributes.of(span.getAttributesList());
        String id = attrs.string(FAAS_INVOCATION_ID);
        if (id == null) {
            return List.of();
        }
        long start = span.getStartTimeUnixNano() / 1_000_000;
        Double durationAttr = attrs.number(DURATION_MS);
        double duration = durationAttr != null ? durationAttr
                : Math.max(0, span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6;
        long end = span.getEndTimeUnixNano() > 0 ? span.getEndTimeUnixNano() / 1_000_000 : start + (long) duration;
        String status = status(attrs, span);

        List<LogEvent> lines = new ArrayList<>(5);
        Line line = (ts, text) -> lines.add(LogEvent.of(ts, ingestionTime, resource.logGroup(), resource.logStream(), text));
        line.add(start, "START RequestId: " + id + " Version: " + resource.version());
        if (STATUS_ERROR.equals(status)) {
            errorLine(span, id, end, line);
        }
        line.add(end, "END RequestId: " + id);
        line.add(end, report(id, attrs, duration, resource) + outcome(status) + trigger(attrs) + xray(span));
        if (STATUS_TIMEOUT.equals(status)) {
            Double timeout = attrs.number(TIMEOUT_SECONDS);
            line.add(end, String.format(Locale.ROOT, "%s %s Task timed out after %.2f seconds",
                    IsoTime.format(end), id, timeout != null ? timeout : duration / 1000));
        }
        return lines;
    }

    /** {@code REPORT RequestId: <id>\tDuration: 102.25 ms\tBilled Duration: 103 ms\t...}. */
    static String report(String id, Attributes attrs, double duration, ResourceInfo resource) {
        Double billedAttr = attrs.number(BILLED_DURATION_MS);
        long billed = billedAttr != null ? (long) Math.ceil(billedAttr) : Math.max(1, (long) Math.ceil(duration));
        StringBuilder report = new StringBuilder(160)
                .append("REPORT RequestId: ").append(id)
                .append("\tDuration: ").append(twoDecimals(duration)).append(" ms")
                .append("\tBilled Duration: ").append(billed).append(" ms");
        Double memorySize = attrs.number(MEMORY_SIZE_MB);
        Long memoryMb = memorySize != null ? Long.valueOf(Math.round(memorySize)) : resource.memorySizeMb();
        if (memoryMb != null) {
            report.append("\tMemory Size: ").append(memoryMb).append(" MB");
        }
        Double maxUsed = attrs.number(MAX_MEMORY_USED_MB);
        if (maxUsed != null) {
            report.append("\tMax Memory Used: ").append(Math.round(maxUsed)).append(" MB");
        }
        Double init = attrs.number(INIT_DURATION_MS);
        if (attrs.flag(FAAS_COLDSTART) && init != null) {
            report.append("\tInit Duration: ").append(twoDecimals(init)).append(" ms");
        }
        return report.toString();
    }

    /**
     * {@code \tStatus: error} or {@code \tStatus: timeout} for a failed invocation, as Lambda's newer REPORT lines and
     * its JSON {@code platform.report} say it (nothing for success): the Functions page counts failures from the
     * REPORT events' {@code @status} alone.
     */
    static String outcome(String status) {
        return STATUS_ERROR.equals(status) || STATUS_TIMEOUT.equals(status) ? "\tStatus: " + status : "";
    }

    /**
     * fnlens's parts after the metrics, for what invoked the function:
     * {@code \tTrigger: aws:sqs\tTrigger Resource: orders\tBatch Size: 10} or
     * {@code \tTrigger: aws:apigateway\tRoute: GET /orders/{id}\tHTTP Status: 200}; empty when the span has none.
     */
    static String trigger(Attributes attrs) {
        StringBuilder parts = new StringBuilder();
        String source = attrs.string(TRIGGER_SOURCE);
        part(parts, "Trigger", source != null ? source : attrs.string(FAAS_TRIGGER));
        part(parts, "Trigger Resource", attrs.string(TRIGGER_RESOURCE));
        String method = attrs.string(HTTP_REQUEST_METHOD);
        String route = attrs.string(HTTP_ROUTE) != null ? attrs.string(HTTP_ROUTE) : attrs.string(URL_PATH);
        if (route != null) {
            part(parts, "Route", method != null ? method + " " + route : route);
        }
        wholeNumber(parts, "HTTP Status", attrs.number(HTTP_RESPONSE_STATUS_CODE));
        wholeNumber(parts, "Batch Size", attrs.number(TRIGGER_BATCH_SIZE));
        return parts.toString();
    }

    private static void part(StringBuilder parts, String name, String value) {
        if (value != null && !value.isBlank()) {
            String clean = CONTROL.matcher(value).replaceAll(" ").strip(); // a tab would start another part
            parts.append('\t').append(name).append(": ")
                    .append(clean.length() <= MAX_PART_CHARS ? clean : clean.substring(0, MAX_PART_CHARS));
        }
    }

    private static void wholeNumber(StringBuilder parts, String name, Double value) {
        if (value != null && value >= 0 && value < 1e9) {
            parts.append('\t').append(name).append(": ").append(value.longValue());
        }
    }

    /**
     * The suffix Lambda adds when tracing is active, {@code \tXRAY TraceId: 1-<8 hex>-<24 hex>\tSegmentId: <span id>
     * \tSampled: true}: an X-Ray trace id is a W3C one with a dash after the eighth digit, so invocations of one
     * trace share {@code @xrayTraceId}, whichever header carried it.
     */
    static String xray(Span span) {
        String traceId = hex(span.getTraceId().toByteArray(), 16);
        String spanId = hex(span.getSpanId().toByteArray(), 8);
        if (traceId == null || spanId == null) {
            return "";
        }
        return "\tXRAY TraceId: 1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + "\tSegmentId: " + spanId
                + "\tSampled: true";
    }

    /** Lower-case hex of an id of the given length; null when absent or all zero (invalid in W3C). */
    private static String hex(byte[] id, int length) {
        if (id.length != length) {
            return null;
        }
        StringBuilder hex = new StringBuilder(length * 2);
        boolean zero = true;
        for (byte b : id) {
            zero &= b == 0;
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return zero ? null : hex.toString();
    }

    /** {@code %.2f}, without the formatter when the value has at most two decimals (the agent rounds so). */
    static String twoDecimals(double v) {
        long cents = Math.round(v * 100);
        if (v >= 0 && v < 1e13 && cents / 100d == v) {
            long fraction = cents % 100;
            return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** {@code <ts>\t<id>\tERROR\t{"errorType":...,"errorMessage":...,"stackTrace":[...]}}. */
    private static void errorLine(Span span, String id, long end, Line line) {
        String type = null;
        String message = span.getStatus().getMessage();
        String stack = null;
        long ts = end;
        for (Span.Event event : span.getEventsList()) {
            if (EXCEPTION_EVENT.equals(event.getName())) {
                Attributes ex = Attributes.of(event.getAttributesList());
                type = ex.string(EXCEPTION_TYPE);
                message = ex.string(EXCEPTION_MESSAGE) != null ? ex.string(EXCEPTION_MESSAGE) : message;
                stack = ex.string(EXCEPTION_STACKTRACE);
                ts = event.getTimeUnixNano() > 0 ? event.getTimeUnixNano() / 1_000_000 : end;
                break;
            }
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", type != null ? type : "Error");
        error.put("errorMessage", message != null ? message : "");
        error.put("stackTrace", stackTrace(stack));
        try {
            line.add(ts, IsoTime.format(ts) + "\t" + id + "\tERROR\t" + JSON.writeValueAsString(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /** Java's printed trace to Lambda's list of frames: header dropped, "at " stripped. */
    static List<String> stackTrace(String printed) {
        List<String> frames = new ArrayList<>();
        if (printed == null) {
            return frames;
        }
        String[] lines = printed.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String frame = lines[i].strip();
            if (!frame.isEmpty()) {
                frames.add(frame.startsWith("at ") ? frame.substring(3) : frame);
            }
        }
        return frames;
    }

    private static String status(Attributes attrs, Span span) {
        String status = attrs.string(STATUS);
        if (status != null) {
            return status.toLowerCase(Locale.ROOT);
        }
        return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? STATUS_ERROR : STATUS_SUCCESS;
    }

    @FunctionalInterface
    private interface Line {
        void add(long timestamp, String text);
    }
}
