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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lambda's platform lines are their fields and fixed text, so when a message is exactly what
 * its fields render to, the index keeps only the fields (doc values it has anyway) and
 * renders the message when it is read. That is most of the disk a REPORT event would take.
 * That includes the trigger parts and the X-Ray suffix the collector writes for the agent's invocations;
 * anything else (another version, odd spacing, {@code Sampled: false}) is stored as written.
 *
 * <p>A template is a list of {@link Part}s: a label, one field's value, a unit. The same parts give the
 * message, the value text and the shape its full-text search needs ({@link TemplatedText}).
 */
final class MessageTemplates {
    static final int STORED = 0;
    static final int START = 1;
    static final int END = 2;
    static final int REPORT = 3;
    private static final double BYTES_PER_MB = 1_000_000d;

    /** How a part writes its field's value. */
    enum Kind { ID, TEXT, MILLIS, WHOLE, MEGABYTES }

    /**
     * {@code label value unit}, written when {@code field} (and {@code alsoNeeds}, if any) has a value; a
     * {@code required} part without one means the template does not apply.
     */
    record Part(String label, String field, Kind kind, String unit, boolean required, String alsoNeeds) {
        static Part required(String label, String field, Kind kind, String unit) {
            return new Part(label, field, kind, unit, true, null);
        }

        static Part optional(String label, String field, Kind kind, String unit) {
            return new Part(label, field, kind, unit, false, null);
        }
    }

    /** The {@code @type} of each template's lines, by template number. */
    private static final List<String> TYPES = List.of("", "START", "END", "REPORT");

    /** By template number; {@link #STORED} has none. */
    static final List<List<Part>> PARTS = List.of(
            List.of(),
            List.of(Part.required("START RequestId: ", REQUEST_ID, Kind.ID, " Version: $LATEST")),
            List.of(Part.required("END RequestId: ", REQUEST_ID, Kind.ID, "")),
            List.of(Part.required("REPORT RequestId: ", REQUEST_ID, Kind.ID, ""),
                    Part.required("\tDuration: ", DURATION, Kind.MILLIS, " ms"),
                    Part.required("\tBilled Duration: ", BILLED_DURATION, Kind.WHOLE, " ms"),
                    Part.optional("\tMemory Size: ", MEMORY_SIZE, Kind.MEGABYTES, " MB"),
                    Part.optional("\tMax Memory Used: ", MAX_MEMORY_USED, Kind.MEGABYTES, " MB"),
                    Part.optional("\tInit Duration: ", INIT_DURATION, Kind.MILLIS, " ms"),
                    Part.optional("\tStatus: ", STATUS, Kind.TEXT, ""),
                    Part.optional("\tError Type: ", ERROR_TYPE, Kind.TEXT, ""),
                    Part.optional("\tTrigger: ", TRIGGER, Kind.TEXT, ""),
                    Part.optional("\tTrigger Resource: ", TRIGGER_RESOURCE, Kind.TEXT, ""),
                    Part.optional("\tRoute: ", HTTP_ROUTE, Kind.TEXT, ""),
                    Part.optional("\tHTTP Status: ", HTTP_STATUS, Kind.WHOLE, ""),
                    Part.optional("\tBatch Size: ", BATCH_SIZE, Kind.WHOLE, ""),
                    new Part("\tXRAY TraceId: ", XRAY_TRACE_ID, Kind.ID, "", false, XRAY_SEGMENT_ID),
                    new Part("\tSegmentId: ", XRAY_SEGMENT_ID, Kind.ID, "\tSampled: true", false, XRAY_TRACE_ID)));

    private MessageTemplates() {
    }

    /** A message a template renders: the template and each part's value as written (null: the part is absent). */
    record Rendered(int template, List<String> values) {
    }

    /** Which template renders {@code message} from {@code fields} exactly, or {@link #STORED}. */
    static int of(String message, Map<String, Object> fields) {
        Rendered rendered = match(message, fields);
        return rendered == null ? STORED : rendered.template();
    }

    /** The template that renders {@code message} from {@code fields} exactly, with its values; null for none. */
    static Rendered match(String message, Map<String, Object> fields) {
        int template = templateOf(fields);
        List<String> values = written(template, fields::get);
        return values != null && message.equals(join(template, values)) ? new Rendered(template, values) : null;
    }

    /** The template of an event of this type, if its request id can be kept; {@link #STORED} otherwise. */
    private static int templateOf(Map<String, Object> fields) {
        if (!(fields.get(TYPE) instanceof String t) || !(fields.get(REQUEST_ID) instanceof String id)
                || id.length() > Schema.MAX_KEYWORD_CHARS) {
            return STORED;
        }
        int template = TYPES.indexOf(t);
        return template > 0 ? template : STORED;
    }

    /**
     * A templated message read back: its text, and its fields as discovering the text again gives them, built only
     * when asked (a query over the text, {@code parse} or {@code like}, needs none).
     *
     * @param written each part's value as the message writes it, null for an absent part
     * @param seen    the columns read for it, by field
     */
    record Read(String message, int template, List<String> written, Map<String, Object> seen) {
        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(TYPE, TYPES.get(template));
            List<Part> parts = PARTS.get(template);
            for (int i = 0; i < parts.size(); i++) {
                if (written.get(i) != null) {
                    fields.put(parts.get(i).field(), seen.get(parts.get(i).field()));
                }
            }
            return fields;
        }
    }

    /**
     * The message of a template from the event's {@code columns}, each read once, with its fields: the type and
     * the fields of the parts written, in the order of the text. The index took the template only for a message
     * whose discovered fields render it exactly, so these are those fields, without parsing the text again. Null
     * when a field it needs is missing or odd.
     */
    static Read read(int template, Function<String, Object> columns) {
        Map<String, Object> seen = new HashMap<>();
        List<String> values = written(template, field -> seen.computeIfAbsent(field, columns));
        if (values == null) {
            return null;
        }
        return new Read(join(template, values), template, values, seen);
    }

    /** Each part's value as the message writes it, null for an absent part; null when the template does not apply. */
    private static List<String> written(int template, Function<String, Object> fields) {
        if (template == STORED) {
            return null;
        }
        List<Part> parts = PARTS.get(template);
        List<String> values = new ArrayList<>(parts.size());
        for (Part part : parts) {
            String value = valueOf(part, fields);
            if (value == null && (part.required() || present(part, fields))) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static String join(int template, List<String> values) {
        List<Part> parts = PARTS.get(template);
        StringBuilder message = new StringBuilder(template == REPORT ? 320 : 96); // a REPORT line with X-Ray ids: ~270
        for (int i = 0; i < parts.size(); i++) {
            if (values.get(i) != null) {
                message.append(parts.get(i).label()).append(values.get(i)).append(parts.get(i).unit());
            }
        }
        return message.toString();
    }

    private static boolean present(Part part, Function<String, Object> fields) {
        return fields.apply(part.field()) != null && (part.alsoNeeds() == null || fields.apply(part.alsoNeeds()) != null);
    }

    /** Whether a part writes a number: its words are digits only. */
    static boolean isNumber(int template, int part) {
        return isNumber(PARTS.get(template).get(part));
    }

    static boolean isNumber(Part part) {
        return part.kind() == Kind.MILLIS || part.kind() == Kind.WHOLE || part.kind() == Kind.MEGABYTES;
    }

    /** The part's value as written in the message; null when absent or not writable so. */
    static String valueOf(Part part, Function<String, Object> fields) {
        if (!present(part, fields)) {
            return null;
        }
        Object value = fields.apply(part.field());
        return switch (part.kind()) {
            case ID, TEXT -> value.toString();
            case MILLIS, WHOLE, MEGABYTES -> number(part, value);
        };
    }

    /** The longest number a part writes: 16 digits (1e15), or 13 with a dot and two decimals. */
    static final int MAX_NUMBER_CHARS = 17;

    private static String number(Part part, Object value) {
        if (!(value instanceof Double d)) {
            return null;
        }
        char[] chars = new char[MAX_NUMBER_CHARS];
        int length = writeNumber(part, d, chars);
        return length < 0 ? null : new String(chars, 0, length);
    }

    /**
     * Writes a number part's value as the message writes it ({@code 102.25} with two decimals for a duration, else a
     * whole number) into {@code to}, at least {@link #MAX_NUMBER_CHARS} long; its length, or -1 when the value cannot
     * be written so. Without allocating: a query can test the text of a column's every value.
     */
    static int writeNumber(Part part, double d, char[] to) {
        double divisor = part.kind() == Kind.MEGABYTES ? BYTES_PER_MB : 1;
        double v = d / divisor;
        if (!(d >= 0) || divisor != 1 && v * divisor != d) {
            return -1;
        }
        if (part.kind() == Kind.MILLIS) {
            long cents = ScaledNumbers.scaled(v);
            if (cents == Long.MIN_VALUE) {
                return -1;
            }
            int n = writeWhole(cents / 100, to);
            to[n] = '.';
            to[n + 1] = (char) ('0' + cents % 100 / 10);
            to[n + 2] = (char) ('0' + cents % 10);
            return n + 3;
        }
        if (v != Math.rint(v) || v > 1e15) {
            return -1;
        }
        return writeWhole((long) v, to);
    }

    /**
     * The value a number part writes as {@code written}, or null when it writes no value so ({@code 0512},
     * {@code 102.5}, {@code 1e3}): the inverse of {@link #writeNumber}, checked by writing the value again.
     */
    static Double readNumber(Part part, String written) {
        if (written.isEmpty() || written.length() > MAX_NUMBER_CHARS
                || !written.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(written) * (part.kind() == Kind.MEGABYTES ? BYTES_PER_MB : 1);
        } catch (NumberFormatException e) {
            return null; // two dots
        }
        char[] again = new char[MAX_NUMBER_CHARS];
        int length = writeNumber(part, value, again);
        return length >= 0 && written.equals(new String(again, 0, length)) ? value : null;
    }

    private static int writeWhole(long n, char[] to) {
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = n;
        for (int i = digits - 1; i >= 0; i--) {
            to[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return digits;
    }
}
