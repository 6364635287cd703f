package dev.fnlens.agent.otlp;

/** OTLP attributes: {@code KeyValue{key = 1, value = AnyValue{string 1 | bool 2 | int 3 | double 4}}}. */
final class KeyValues {
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int STRING = 1;
    private static final int BOOL = 2;
    private static final int INT = 3;
    private static final int DOUBLE = 4;

    private KeyValues() {
    }

    static void string(ProtoWriter out, int field, String key, String value) {
        int kv = out.begin(field);
        out.stringField(KEY, key);
        int any = out.begin(VALUE);
        out.stringField(STRING, value);
        out.end(any);
        out.end(kv);
    }

    static void bool(ProtoWriter out, int field, String key, boolean value) {
        int kv = out.begin(field);
        out.stringField(KEY, key);
        int any = out.begin(VALUE);
        out.boolField(BOOL, value); // written even when false: the oneof says which kind of value it is
        out.end(any);
        out.end(kv);
    }

    static void integer(ProtoWriter out, int field, String key, long value) {
        int kv = out.begin(field);
        out.stringField(KEY, key);
        int any = out.begin(VALUE);
        out.varintField(INT, value);
        out.end(any);
        out.end(kv);
    }

    static void decimal(ProtoWriter out, int field, String key, double value) {
        int kv = out.begin(field);
        out.stringField(KEY, key);
        int any = out.begin(VALUE);
        out.doubleField(DOUBLE, value);
        out.end(any);
        out.end(kv);
    }

    /** An attribute of a Java type: Boolean, Long/Integer, Double, else its text. */
    static void any(ProtoWriter out, int field, String key, Object value) {
        if (value instanceof Boolean) {
            bool(out, field, key, (Boolean) value);
        } else if (value instanceof Long || value instanceof Integer) {
            integer(out, field, key, ((Number) value).longValue());
        } else if (value instanceof Double) {
            decimal(out, field, key, (Double) value);
        } else {
            string(out, field, key, String.valueOf(value));
        }
    }

    /** A bare AnyValue holding a string (a log record's body). */
    static void stringValue(ProtoWriter out, int field, String value) {
        int any = out.begin(field);
        out.stringField(STRING, value);
        out.end(any);
    }
}
