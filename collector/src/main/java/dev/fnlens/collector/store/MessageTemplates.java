package dev.fnlens.collector.store;

import static dev.fnlens.collector.event.LogEvent.BATCH_SIZE;
import static dev.fnlens.collector.event.LogEvent.BILLED_DURATION;
import static dev.fnlens.collector.event.LogEvent.DURATION;
import static dev.fnlens.collector.event.LogEvent.ERROR_TYPE;
import static dev.fnlens.collector.event.LogEvent.HTTP_ROUTE;
import static dev.fnlens.collector.event.LogEvent.HTTP_STATUS;
import static dev.fnlens.collector.event.LogEvent.INIT_DURATION;
import static dev.fnlens.collector.event.LogEvent.MAX_MEMORY_USED;
import static dev.fnlens.collector.event.LogEvent.MEMORY_SIZE;
import static dev.fnlens.collector.event.LogEvent.REQUEST_ID;
import static dev.fnlens.collector.event.LogEvent.STATUS;
import static dev.fnlens.collector.event.LogEvent.TRIGGER;
import static dev.fnlens.collector.event.LogEvent.TRIGGER_RESOURCE;
import static dev.fnlens.collector.event.LogEvent.TYPE;
import static dev.fnlens.collector.event.LogEvent.XRAY_SEGMENT_ID;
import static dev.fnlens.collector.event.LogEvent.XRAY_TRACE_ID;

import java.util.Map;
import java.util.function.Function;

/**
 * Lambda's platform lines are their fields and fixed text, so when a message is exactly what
 * its fields render to, the index keeps only the fields (doc values it has anyway) and
 * renders the message when it is read. That is most of the disk a REPORT event would take.
 * That includes the trigger parts and the X-Ray suffix the collector writes for the agent's invocations;
 * anything else (another version, odd spacing, {@code Sampled: false}) is stored as written.
 */
final class MessageTemplates {
    static final int STORED = 0;
    static final int START = 1;
    static final int END = 2;
    static final int REPORT = 3;
    private static final double BYTES_PER_MB = 1_000_000d;

    private MessageTemplates() {
    }

    /** Which template renders {@code message} from {@code fields} exactly, or {@link #STORED}. */
    static int of(String message, Map<String, Object> fields) {
        Object type = fields.get(TYPE);
        if (!(type instanceof String t) || !(fields.get(REQUEST_ID) instanceof String id)
                || id.length() > Schema.MAX_KEYWORD_CHARS) {
            return STORED;
        }
        int template = switch (t) {
            case "START" -> START;
            case "END" -> END;
            case "REPORT" -> REPORT;
            default -> STORED;
        };
        if (template == STORED) {
            return STORED;
        }
        String rendered = render(template, fields::get);
        return message.equals(rendered) ? template : STORED;
    }

    /** The message of a template from its fields; null when a field it needs is missing or odd. */
    static String render(int template, Function<String, Object> fields) {
        Object id = fields.apply(REQUEST_ID);
        if (id == null) {
            return null;
        }
        return switch (template) {
            case START -> "START RequestId: " + id + " Version: $LATEST";
            case END -> "END RequestId: " + id;
            case REPORT -> report(id.toString(), fields);
            default -> null;
        };
    }

    private static String report(String id, Function<String, Object> fields) {
        StringBuilder sb = new StringBuilder(160).append("REPORT RequestId: ").append(id);
        if (!append(sb, "\tDuration: ", fields.apply(DURATION), 1, true, " ms")
                || !append(sb, "\tBilled Duration: ", fields.apply(BILLED_DURATION), 1, false, " ms")) {
            return null;
        }
        Object memory = fields.apply(MEMORY_SIZE);
        if (memory != null && !append(sb, "\tMemory Size: ", memory, BYTES_PER_MB, false, " MB")) {
            return null;
        }
        Object used = fields.apply(MAX_MEMORY_USED);
        if (used != null && !append(sb, "\tMax Memory Used: ", used, BYTES_PER_MB, false, " MB")) {
            return null;
        }
        Object init = fields.apply(INIT_DURATION);
        if (init != null && !append(sb, "\tInit Duration: ", init, 1, true, " ms")) {
            return null;
        }
        text(sb, "\tStatus: ", fields.apply(STATUS));
        text(sb, "\tError Type: ", fields.apply(ERROR_TYPE));
        text(sb, "\tTrigger: ", fields.apply(TRIGGER));
        text(sb, "\tTrigger Resource: ", fields.apply(TRIGGER_RESOURCE));
        text(sb, "\tRoute: ", fields.apply(HTTP_ROUTE));
        for (String[] number : new String[][] {{HTTP_STATUS, "\tHTTP Status: "}, {BATCH_SIZE, "\tBatch Size: "}}) {
            Object value = fields.apply(number[0]);
            if (value != null && !append(sb, number[1], value, 1, false, "")) {
                return null;
            }
        }
        Object trace = fields.apply(XRAY_TRACE_ID);
        Object segment = fields.apply(XRAY_SEGMENT_ID);
        if (trace != null && segment != null) {
            sb.append("\tXRAY TraceId: ").append(trace).append("\tSegmentId: ").append(segment).append("\tSampled: true");
        }
        return sb.toString();
    }

    private static void text(StringBuilder sb, String label, Object value) {
        if (value != null) {
            sb.append(label).append(value);
        }
    }

    /** {@code 102.25} with two decimals, or a whole number; false when the value cannot be written so. */
    private static boolean append(StringBuilder sb, String label, Object value, double divisor, boolean twoDecimals,
                                  String unit) {
        if (!(value instanceof Double d) || !(d >= 0)) {
            return false;
        }
        double v = d / divisor;
        if (divisor != 1 && v * divisor != d) {
            return false;
        }
        sb.append(label);
        if (twoDecimals) {
            long cents = ScaledNumbers.scaled(v);
            if (cents == Long.MIN_VALUE) {
                return false;
            }
            long fraction = cents % 100;
            sb.append(cents / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
        } else {
            if (v != Math.rint(v) || v > 1e15) {
                return false;
            }
            sb.append((long) v);
        }
        sb.append(unit);
        return true;
    }
}
