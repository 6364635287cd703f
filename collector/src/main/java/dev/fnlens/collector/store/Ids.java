package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.search.Query;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;

/**
 * The id fields ({@link #FIELDS}: {@code @requestId}, {@code @xrayTraceId}, {@code @xraySegmentId}) as sorted doc
 * values, their only copy in the index. An id of a known shape is kept as its bytes after a tag byte: a Lambda
 * request id (a lower-case UUID) as 16 bytes, an X-Ray trace id ({@code 1-} 8 + 24 hex digits) as 16, a segment id
 * (16 hex digits) as 8; anything else as UTF-8 after a text tag. An event's own ids of a known shape are not in its
 * message's terms either (see {@link #withoutOwnIds}): looking one up is a doc values lookup. Random ids make poor
 * terms: each is a new entry in two term dictionaries, about 30 bytes per id more than these doc values.
 *
 * <p>Indexes of format 2 hold the X-Ray ids as plain UTF-8 doc values (and terms); {@link #decode} reads both, and
 * {@link #exactly} matches both.
 */
public final class Ids {
    public static final Set<String> FIELDS = Set.of(LogEvent.REQUEST_ID, LogEvent.XRAY_TRACE_ID,
            LogEvent.XRAY_SEGMENT_ID);

    private static final byte UUID_TAG = 0;
    private static final byte TEXT_TAG = 1;
    private static final byte TRACE_TAG = 2;
    private static final byte HEX16_TAG = 3;
    /** A first byte from here on is text written before the tags (format 2's X-Ray ids). */
    private static final byte FIRST_UNTAGGED = 0x20;
    private static final int UUID_CHARS = 36;
    private static final int TRACE_CHARS = 35;
    private static final int HEX16_CHARS = 16;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private Ids() {
    }

    public static BytesRef encode(String id) {
        byte tag = tagOf(id);
        if (tag == TEXT_TAG) {
            return textTagged(id);
        }
        byte[] bytes = new byte[1 + digits(tag) / 2];
        bytes[0] = tag;
        int b = 1;
        int first = tag == TRACE_TAG ? 2 : 0; // the trace id's leading "1-" is its version, always 1
        for (int i = first; i < id.length(); ) {
            if (id.charAt(i) == '-') {
                i++;
                continue;
            }
            bytes[b++] = (byte) (hex(id.charAt(i)) << 4 | hex(id.charAt(i + 1)));
            i += 2;
        }
        return new BytesRef(bytes);
    }

    private static BytesRef textTagged(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[utf8.length + 1];
        bytes[0] = TEXT_TAG;
        System.arraycopy(utf8, 0, bytes, 1, utf8.length);
        return new BytesRef(bytes);
    }

    public static String decode(BytesRef ref) {
        byte tag = ref.length == 0 ? TEXT_TAG : ref.bytes[ref.offset];
        if (tag >= FIRST_UNTAGGED) {
            return ref.utf8ToString();
        }
        if (tag == TEXT_TAG || ref.length != 1 + digits(tag) / 2) {
            return new String(ref.bytes, ref.offset + 1, Math.max(0, ref.length - 1), StandardCharsets.UTF_8);
        }
        // Latin-1 bytes straight into the String: every REPORT line rendered writes out three ids
        byte[] id = new byte[tag == UUID_TAG ? UUID_CHARS : tag == TRACE_TAG ? TRACE_CHARS : HEX16_CHARS];
        int at = 0;
        if (tag == TRACE_TAG) {
            id[at++] = '1';
            id[at++] = '-';
        }
        for (int i = 1; i < ref.length; i++) {
            int digitsSoFar = (i - 1) * 2;
            if (tag == UUID_TAG && (digitsSoFar == 8 || digitsSoFar == 12 || digitsSoFar == 16 || digitsSoFar == 20)
                    || tag == TRACE_TAG && digitsSoFar == 8) {
                id[at++] = '-';
            }
            int v = ref.bytes[ref.offset + i] & 0xFF;
            id[at++] = HEX_DIGITS[v >>> 4];
            id[at++] = HEX_DIGITS[v & 0xF];
        }
        return new String(id, 0, at, StandardCharsets.ISO_8859_1);
    }


    /**
     * Events whose id field is one of these values, however it was written: as now, as text (format 2 kept only
     * UUIDs as bytes) or untagged (format 2's X-Ray ids).
     */
    public static Query exactly(String field, List<String> values) {
        List<BytesRef> terms = new ArrayList<>();
        for (String value : values) {
            terms.add(encode(value));
            if (isCompact(value) && !isUuid(value)) {
                terms.add(textTagged(value));
                terms.add(new BytesRef(value));
            }
        }
        return SortedDocValuesField.newSlowSetQuery(field, terms.toArray(BytesRef[]::new));
    }

    /** An id of a shape kept as bytes (and left out of its message's terms). */
    public static boolean isCompact(String id) {
        return tagOf(id) != TEXT_TAG;
    }

    /** {@link #isCompact} of the id {@link #encode} gave these bytes for. */
    static boolean isCompact(BytesRef encoded) {
        return encoded.length > 0 && encoded.bytes[encoded.offset] != TEXT_TAG;
    }

    /**
     * The ordinals of a segment's ids of no compact form (text, or written before the tags) as {@code {a, b, c}}: they
     * are {@code [a, b)} and {@code [c, valueCount)}, for sorted by their bytes each form's ids lie together.
     */
    static int[] textOrds(SortedDocValues values) throws IOException {
        return new int[] {ceiling(values, TEXT_TAG), ceiling(values, TRACE_TAG), ceiling(values, FIRST_UNTAGGED)};
    }

    private static int ceiling(SortedDocValues values, byte first) throws IOException {
        int ord = values.lookupTerm(new BytesRef(new byte[] {first}));
        return ord >= 0 ? ord : -ord - 1;
    }

    /** A request id as Lambda writes it: a UUID in lower-case hex, 8-4-4-4-12. */
    public static boolean isUuid(String s) {
        return tagOf(s) == UUID_TAG;
    }

    private static byte tagOf(String s) {
        switch (s.length()) {
            case UUID_CHARS:
                return hexWithDashes(s, 0, 8, 13, 18, 23) ? UUID_TAG : TEXT_TAG;
            case TRACE_CHARS:
                return s.charAt(0) == '1' && s.charAt(1) == '-' && hexWithDashes(s, 2, 10, -1, -1, -1) ? TRACE_TAG : TEXT_TAG;
            case HEX16_CHARS:
                return hexWithDashes(s, 0, -1, -1, -1, -1) ? HEX16_TAG : TEXT_TAG;
            default:
                return TEXT_TAG;
        }
    }

    /** Lower-case hex from {@code from} on, with a dash exactly at each of the positions given (-1: none). */
    private static boolean hexWithDashes(String s, int from, int d1, int d2, int d3, int d4) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i == d1 || i == d2 || i == d3 || i == d4 ? c != '-' : hex(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digits(byte tag) {
        return switch (tag) {
            case UUID_TAG -> 32;
            case TRACE_TAG -> 32;
            case HEX16_TAG -> 16;
            default -> 0;
        };
    }

    /**
     * The message as indexed: without the event's own ids of a compact shape, which its id fields hold, by
     * {@link #ownIdIndex} (null: none). Only an id that stands alone (no letter or digit right before or after it)
     * is left out, so that every other token of the message stays as it was.
     */
    static String withoutOwnIds(String message, String[] ownIds) {
        String text = message;
        for (int i = 0; i < OWN_IDS; i++) {
            String id = ownIds[i];
            if (id != null) {
                text = without(text, id, i == 0 ? usualPlace(text, id) : text.indexOf(id));
            }
        }
        return text;
    }

    /** An event's own ids of a compact shape, by {@link #ownIdIndex}, as {@link #withoutOwnIds} takes them. */
    static String[] ownIds(Function<String, Object> fields) {
        String[] own = new String[OWN_IDS];
        for (int i = 0; i < OWN_IDS; i++) {
            if (fields.apply(ORDER[i]) instanceof String id && isCompact(id)) {
                own[i] = id;
            }
        }
        return own;
    }

    /** Request id first: its usual places are counted from the start of the message. */
    private static final String[] ORDER = {LogEvent.REQUEST_ID, LogEvent.XRAY_TRACE_ID, LogEvent.XRAY_SEGMENT_ID};
    static final int OWN_IDS = ORDER.length;

    /** The place of id field {@code name} (one of {@link #FIELDS}) in {@link #withoutOwnIds}'s array. */
    static int ownIdIndex(String name) {
        for (int i = 0; i < OWN_IDS; i++) {
            if (ORDER[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an id field: " + name);
    }

    private static String without(String text, String id, int at) {
        int end = at + id.length();
        if (at < 0 || (at > 0 && Character.isLetterOrDigit(text.codePointBefore(at)))
                || (end < text.length() && Character.isLetterOrDigit(text.codePointAt(end)))) {
            return text; // glued to other text: its tokens would change, so leave it in
        }
        return new StringBuilder(text.length() - id.length() + 1).append(text, 0, at).append(' ').append(text, end, text.length())
                .toString();
    }

    /** Where Lambda's lines have the request id (START, END, REPORT, an application line), else a search. */
    private static int usualPlace(String message, String id) {
        for (int at : USUAL_PLACES) {
            if (message.startsWith(id, at)) {
                return at;
            }
        }
        return message.indexOf(id);
    }

    /** After "START RequestId: ", "END RequestId: ", "REPORT RequestId: ", "2026-01-02T10:00:00.000Z\t". */
    private static final int[] USUAL_PLACES = {17, 15, 18, 25};

    /**
     * True when a whole message token (separators on both sides) could be a piece of an id left out of the index: a
     * whole piece, as the dashes and the text around the id cut it (a request id 8-4-4-4-12 hex digits, a trace id
     * 1-8-24, a segment id 16). {@code 512} cannot be one.
     */
    public static boolean couldBeWholePiece(String token) {
        return switch (token.length()) {
            case 1 -> token.equals("1");
            case 4, 8, 12, 16, 24 -> couldBePiece(token);
            default -> false;
        };
    }

    /** True when a message token, or a part of one, could be a piece of an id left out of the index: lower-case hex. */
    public static boolean couldBePiece(String token) {
        if (token.isEmpty() || token.length() > 24) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (hex(token.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return c < HEX_VALUES.length ? HEX_VALUES[c] : -1;
    }

    /** Lower-case hex digits' values, -1 for every other ASCII character (ids are checked on every event). */
    private static final byte[] HEX_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(HEX_VALUES, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX_VALUES[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX_VALUES[c] = (byte) (c - 'a' + 10);
        }
    }
}
