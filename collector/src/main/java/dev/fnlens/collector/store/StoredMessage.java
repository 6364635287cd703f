package dev.fnlens.collector.store;

import dev.fnlens.collector.event.IsoTime;
import dev.fnlens.collector.event.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;

/**
 * The stored text of a message no template renders. An application line starts with its event's timestamp and
 * request id ({@code 2026-11-26T19:14:00.655Z\t<request id>\t...}), which the index keeps as columns anyway; when
 * both match, only the rest is stored, in {@link #TAIL}, and the start is written again on reading. The request
 * id is 36 random characters: this is about a quarter of a day's stored bytes.
 */
final class StoredMessage {
    /** The message after its timestamp and request id; a message stored whole is in {@code @message}. */
    static final String TAIL = "@@messageTail";
    private static final int TIMESTAMP_CHARS = 24;

    private StoredMessage() {
    }

    static void add(Document doc, String message, long timestamp, Object requestId) {
        int start = requestId instanceof String id ? tailStart(message, timestamp, id) : 0;
        doc.add(start > 0 ? new StoredField(TAIL, message.substring(start))
                : new StoredField(LogEvent.MESSAGE, message));
    }

    /** The message whose {@link #TAIL} this is. */
    static String whole(long timestamp, String requestId, String tail) {
        return IsoTime.format(timestamp) + '\t' + requestId + '\t' + tail;
    }

    /** Where the text after {@code <timestamp>\t<requestId>\t} starts, or 0 when the message does not start so. */
    private static int tailStart(String message, long timestamp, String requestId) {
        int tab = TIMESTAMP_CHARS;
        int end = tab + 1 + requestId.length();
        boolean shaped = message.length() > end && message.charAt(tab) == '\t' && message.charAt(end) == '\t'
                && !requestId.isEmpty() && requestId.length() <= Schema.MAX_KEYWORD_CHARS
                && message.startsWith(requestId, tab + 1);
        return shaped && message.startsWith(IsoTime.format(timestamp)) ? end + 1 : 0;
    }
}
