package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.util.BytesRef;

/** {@link LogEvent} to Lucene document, per {@link Schema}; {@link EventColumns} reads it back. */
final class DocumentMapper {
    private DocumentMapper() {
    }

    static Document toDocument(LogEvent event, long seq, int idx) {
        Document doc = new Document();
        doc.add(new NumericDocValuesField(LogEvent.TIMESTAMP, event.timestamp()));
        doc.add(new NumericDocValuesField(LogEvent.INGESTION_TIME, event.ingestionTime()));
        doc.add(new NumericDocValuesField(Schema.SEQ, seq));
        doc.add(new NumericDocValuesField(Schema.IDX, idx));
        String message = event.message();
        Map<String, Object> fields = event.fields();
        Object requestId = null;
        Object type = null;
        boolean discovered = false;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (name.equals(LogEvent.REQUEST_ID)) {
                requestId = value;
                doc.add(new SortedDocValuesField(name, RequestIds.encode(cut(value.toString()))));
            } else if (Schema.KEYWORDS.contains(name)) {
                if (name.equals(LogEvent.TYPE)) {
                    type = value;
                }
                keyword(doc, name, value.toString());
            } else if (Schema.DOUBLES.contains(name)) {
                if (value instanceof Number n) {
                    ScaledNumbers.add(doc, name, n.doubleValue());
                }
            } else {
                discovered = true;
                String text = value.toString();
                if (text.length() <= Schema.MAX_INDEXED_VALUE_CHARS) {
                    doc.add(new Field(Schema.JSON_TERMS, Schema.jsonTerm(name, text), Schema.KEYWORD_TYPE));
                }
            }
        }
        doc.add(new Field(LogEvent.MESSAGE, indexedText(message, requestId), Schema.MESSAGE_TYPE));
        int template = type == null || discovered ? MessageTemplates.STORED : MessageTemplates.of(message, fields);
        if (template == MessageTemplates.STORED) {
            doc.add(new StoredField(LogEvent.MESSAGE, message));
        }
        doc.add(new NumericDocValuesField(Schema.META, (long) utf8Length(message) << 2 | template));
        keyword(doc, LogEvent.LOG, event.log());
        keyword(doc, LogEvent.LOG_STREAM, event.logStream());
        return doc;
    }

    /** The message without its own request id, which {@code @requestId} already holds (see {@link RequestIds}). */
    static String indexedText(String message, Object requestId) {
        int[] span = RequestIds.spanIn(message, requestId);
        return span == null ? message : message.substring(0, span[0]) + ' ' + message.substring(span[1]);
    }

    private static void keyword(Document doc, String name, String value) {
        BytesRef bytes = new BytesRef(cut(value));
        doc.add(new Field(name, bytes, Schema.KEYWORD_TYPE));
        doc.add(new SortedDocValuesField(name, bytes));
    }

    private static String cut(String value) {
        return value.length() <= Schema.MAX_KEYWORD_CHARS ? value : value.substring(0, Schema.MAX_KEYWORD_CHARS);
    }

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2; // a surrogate pair is 4 bytes in all
            }
        }
        return bytes;
    }
}
