package dev.fnlens.query;

/**
 * One log event as the engine sees it: values by field name, never a whole map, so a store can answer from whatever
 * it holds (stored fields, DocValues columns, a parsed JSON line). The engine reads each field at most once per event
 * and only the fields it needs ({@link Query#referencedFields()}); it keeps no reference to the source after moving
 * to the next event, so a store may hand the same mutable instance for every event.
 */
@FunctionalInterface
public interface FieldSource {

    /**
     * The field's value, or null when the event does not have it. Expected types: {@link String}, {@link Long} /
     * {@link Integer} / {@link Double} (any {@link Number}), {@link Boolean}; {@code @timestamp} and
     * {@code @ingestionTime} as epoch milliseconds (a {@link java.time.Instant} is accepted too). JSON fields by dot
     * path: {@code a.items.0.id}.
     */
    Object get(String field);

    /**
     * The size of the event for {@code bytesScanned}. By default the UTF-8 length of {@code @message}; a store that
     * knows its stored size cheaply should return that instead (this default reads {@code @message}).
     */
    default long byteSize() {
        Object message = get("@message");
        if (!(message instanceof CharSequence s)) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
