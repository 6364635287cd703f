package dev.fnlens.collector.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an OTLP request against the {@link IngestLimits} before it is decoded, in one pass
 * over the bytes that allocates nothing per value: spans and log records per request,
 * attributes per item, events and links per span, values and nesting per request. A body
 * that cannot even be walked is malformed. One instance per request.
 */
final class OtlpShape {
    /** JSON spends a token on every scalar too, so it gets a larger budget than protobuf's values. */
    static final int MAX_JSON_TOKENS = 4 * IngestLimits.MAX_VALUES;
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<Descriptor, Map<String, FieldDescriptor>> JSON_NAMES = new ConcurrentHashMap<>();

    private final IngestLimits limits;
    private final String itemName;
    private final Map<String, Integer> ordinals = new HashMap<>();
    private int values;
    private int tokens;
    private int items;

    private OtlpShape(IngestLimits limits, String itemName) {
        this.limits = limits;
        this.itemName = itemName;
    }

    /**
     * @param request the export request's descriptor ({@code ExportTraceServiceRequest} or the logs one)
     * @throws LimitExceededException naming the limit and the first item over it
     * @throws MalformedOtlpException when the body cannot be walked at all
     */
    static void check(byte[] body, OtlpFormat format, Descriptor request, IngestLimits limits)
            throws MalformedOtlpException {
        OtlpShape shape = new OtlpShape(limits, request.getName().contains("Log") ? "log records" : "spans");
        try {
            if (format == OtlpFormat.PROTOBUF) {
                CodedInputStream in = CodedInputStream.newInstance(body);
                shape.proto(in, request, 0);
                if (!in.isAtEnd()) {
                    throw new IOException("unexpected end-group tag");
                }
            } else {
                try (JsonParser parser = JSON.createParser(body)) {
                    if (parser.nextToken() == JsonToken.START_OBJECT) {
                        shape.json(parser, request, 0);
                    }
                }
            }
        } catch (JacksonException e) {
            throw new MalformedOtlpException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedOtlpException(format == OtlpFormat.JSON ? "malformed JSON: " + e.getMessage()
                    : "malformed OTLP protobuf " + request.getName() + ": " + e.getMessage());
        }
    }

    private void proto(CodedInputStream in, Descriptor type, int depth) throws IOException, LimitExceededException {
        int ordinal = enter(type, depth);
        int attributes = 0;
        int events = 0;
        int links = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
            if (field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                proto(in, field.getMessageType(), depth + 1);
                if (!in.isAtEnd()) {
                    throw new IOException("unexpected end-group tag in " + field.getMessageType().getName());
                }
                in.popLimit(limit);
                switch (field.getName()) {
                    case "attributes" -> attributes++;
                    case "events" -> events++;
                    case "links" -> links++;
                    default -> {
                    }
                }
            } else {
                if (field == null || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    value(); // the decoder keeps it as an unknown field
                }
                if (!in.skipField(tag)) {
                    return; // end of a group: the caller sees it was not at the end
                }
            }
        }
        checkItem(type, ordinal, attributes, events, links);
    }

    /** At the START_OBJECT of a message; returns after its END_OBJECT. */
    private void json(JsonParser p, Descriptor type, int depth) throws IOException, LimitExceededException {
        int ordinal = enter(type, depth);
        int attributes = 0;
        int events = 0;
        int links = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new IOException("expected a field name, got " + t);
            }
            token();
            FieldDescriptor field = jsonField(type, p.currentName());
            JsonToken value = p.nextToken();
            if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                skip(p, value);
                continue;
            }
            int n = 0;
            if (value == JsonToken.START_OBJECT) {
                json(p, field.getMessageType(), depth + 1);
                n = 1;
            } else if (value == JsonToken.START_ARRAY) {
                token();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e == JsonToken.START_OBJECT) {
                        json(p, field.getMessageType(), depth + 1);
                        n++;
                    } else {
                        skip(p, e);
                    }
                }
            } else {
                skip(p, value);
            }
            switch (field.getName()) {
                case "attributes" -> attributes += n;
                case "events" -> events += n;
                case "links" -> links += n;
                default -> {
                }
            }
        }
        checkItem(type, ordinal, attributes, events, links);
    }

    /** Skips one value (a whole container), counting its tokens; iterative, whatever the nesting. */
    private void skip(JsonParser p, JsonToken first) throws IOException, LimitExceededException {
        if (first == null) {
            throw new IOException("unexpected end of input");
        }
        token();
        if (!first.isStructStart()) {
            return;
        }
        int open = 1;
        while (open > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("unexpected end of input");
            }
            token();
            if (t.isStructStart()) {
                open++;
            } else if (t.isStructEnd()) {
                open--;
            }
        }
    }

    private int enter(Descriptor type, int depth) throws LimitExceededException {
        if (depth > IngestLimits.MAX_DEPTH) {
            throw new LimitExceededException("too_deep", false,
                    "values nested deeper than " + IngestLimits.MAX_DEPTH + " levels");
        }
        value();
        token();
        String name = type.getName();
        if (name.equals("Span") || name.equals("LogRecord")) {
            if (++items > limits.maxItemsPerRequest()) {
                throw new LimitExceededException("too_many_items", true, "the request holds more than "
                        + limits.maxItemsPerRequest() + " " + itemName + "; send them in smaller batches");
            }
        }
        return ordinals.merge(type.getFullName(), 1, Integer::sum) - 1;
    }

    private void value() throws LimitExceededException {
        if (++values > IngestLimits.MAX_VALUES) {
            throw tooManyValues();
        }
    }

    private void token() throws LimitExceededException {
        if (++tokens > MAX_JSON_TOKENS) {
            throw tooManyValues();
        }
    }

    private LimitExceededException tooManyValues() {
        return new LimitExceededException("too_many_values", true, "the request holds more than "
                + IngestLimits.MAX_VALUES + " values (spans, records, attributes, list and map entries); "
                + "send them in smaller batches");
    }

    private void checkItem(Descriptor type, int ordinal, int attributes, int events, int links)
            throws LimitExceededException {
        if (attributes > limits.maxAttributes()) {
            throw new LimitExceededException("too_many_attributes", false, describe(type, ordinal) + " has "
                    + attributes + " attributes; the limit is " + limits.maxAttributes());
        }
        if (events > IngestLimits.MAX_SPAN_EVENTS) {
            throw new LimitExceededException("too_many_span_events", false, describe(type, ordinal) + " has "
                    + events + " events; the limit is " + IngestLimits.MAX_SPAN_EVENTS);
        }
        if (links > IngestLimits.MAX_SPAN_LINKS) {
            throw new LimitExceededException("too_many_span_links", false, describe(type, ordinal) + " has "
                    + links + " links; the limit is " + IngestLimits.MAX_SPAN_LINKS);
        }
    }

    /** {@code span #12}: the item's position among those of its kind in the request, from 0. */
    private static String describe(Descriptor type, int ordinal) {
        String kind = switch (type.getName()) {
            case "Span" -> "span";
            case "LogRecord" -> "log record";
            case "Event" -> "span event";
            case "Link" -> "span link";
            case "InstrumentationScope" -> "scope";
            default -> type.getName().toLowerCase(Locale.ROOT);
        };
        return kind + " #" + ordinal;
    }

    /** A field by its JSON (lowerCamelCase) or proto (snake_case) name, as protobuf's JSON parser accepts both. */
    private static FieldDescriptor jsonField(Descriptor type, String name) {
        return JSON_NAMES.computeIfAbsent(type, t -> {
            Map<String, FieldDescriptor> names = new HashMap<>();
            for (FieldDescriptor f : t.getFields()) {
                names.put(f.getName(), f);
                names.put(f.getJsonName(), f);
            }
            return names;
        }).get(name);
    }
}
