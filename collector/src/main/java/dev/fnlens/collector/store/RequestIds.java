package dev.fnlens.collector.store;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.util.BytesRef;

/**
 * {@code @requestId} as sorted doc values, its only copy in the index: a Lambda request id
 * (a lower-case UUID) as 16 bytes after a 0 tag byte, anything else as UTF-8 after a 1. The
 * message's own id is not indexed as text (see {@link #spanIn}): looking up a request id is a
 * doc values lookup, about 20 bytes per invocation cheaper than terms for every piece.
 */
public final class RequestIds {
    private static final byte UUID_TAG = 0;
    private static final byte TEXT_TAG = 1;
    private static final int UUID_CHARS = 36;

    private RequestIds() {
    }

    public static BytesRef encode(String id) {
        if (isUuid(id)) {
            byte[] bytes = new byte[17];
            bytes[0] = UUID_TAG;
            int b = 1;
            for (int i = 0; i < UUID_CHARS; ) {
                if (id.charAt(i) == '-') {
                    i++;
                    continue;
                }
                bytes[b++] = (byte) (hex(id.charAt(i)) << 4 | hex(id.charAt(i + 1)));
                i += 2;
            }
            return new BytesRef(bytes);
        }
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[utf8.length + 1];
        bytes[0] = TEXT_TAG;
        System.arraycopy(utf8, 0, bytes, 1, utf8.length);
        return new BytesRef(bytes);
    }

    public static String decode(BytesRef ref) {
        if (ref.length == 17 && ref.bytes[ref.offset] == UUID_TAG) {
            char[] chars = new char[UUID_CHARS];
            int c = 0;
            for (int i = 1; i < 17; i++) {
                if (c == 8 || c == 13 || c == 18 || c == 23) {
                    chars[c++] = '-';
                }
                int v = ref.bytes[ref.offset + i] & 0xFF;
                chars[c++] = Character.forDigit(v >>> 4, 16);
                chars[c++] = Character.forDigit(v & 0xF, 16);
            }
            return new String(chars);
        }
        return new String(ref.bytes, ref.offset + 1, ref.length - 1, StandardCharsets.UTF_8);
    }

    /** A request id as Lambda writes it: a UUID in lower-case hex, 8-4-4-4-12. */
    public static boolean isUuid(String s) {
        if (s.length() != UUID_CHARS) {
            return false;
        }
        for (int i = 0; i < UUID_CHARS; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : hex(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the event's own request id (a UUID) stands in its message, as {@code {start, end}},
     * or null: that span is left out of the message's terms. Only an id that stands alone
     * (no letter or digit right before or after it) is left out, so that every other token of
     * the message stays as it was.
     */
    static int[] spanIn(String message, Object requestId) {
        if (!(requestId instanceof String id) || !isUuid(id)) {
            return null;
        }
        int at = usualPlace(message, id);
        int end = at + UUID_CHARS;
        if (at < 0 || (at > 0 && Character.isLetterOrDigit(message.codePointBefore(at)))
                || (end < message.length() && Character.isLetterOrDigit(message.codePointAt(end)))) {
            return null; // glued to other text: its tokens would change, so leave it in
        }
        return new int[] {at, end};
    }

    /** Where Lambda's lines have the id (START, END, REPORT, an application line), else a search. */
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

    /** True when a message token could be a piece of a UUID left out of the index: lower-case hex. */
    public static boolean couldBeUuidPiece(String token) {
        if (token.isEmpty() || token.length() > 12) {
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
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
