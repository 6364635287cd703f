package dev.fnlens.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** A test event: fields in a map, read through the same interface a store implements. */
record MapEvent(Map<String, Object> fields) implements FieldSource {

    static MapEvent of(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapEvent(m);
    }

    MapEvent with(String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put(field, value);
        return new MapEvent(m);
    }

    @Override
    public Object get(String field) {
        return fields.get(field);
    }

    Object value(String field) {
        return fields.get(field);
    }

    double number(String field) {
        return ((Number) fields.get(field)).doubleValue();
    }

    boolean has(String field) {
        return fields.get(field) != null;
    }
}
