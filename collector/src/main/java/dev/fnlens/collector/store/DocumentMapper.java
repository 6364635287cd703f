package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;

/** {@link LogEvent} to Lucene document, per {@link Schema}; {@link EventColumns} reads it back. */
final class DocumentMapper {
    private DocumentMapper() {
    }

    /**
     * {@code idx}: the event's position in its record, written only when not {@link Schema#IN_BLOCK} (see
     * {@link Schema#IDX}); {@code termsToo}: fields of doc values only to index as terms too, see
     * {@link Partition#termsToo()}.
     */
    static Document toDocument(LogEvent event, long seq, int idx, Set<String> termsToo) {
        Document doc = new Document();
        doc.add(new NumericDocValuesField(LogEvent.TIMESTAMP, event.timestamp()));
        doc.add(new NumericDocValuesField(LogEvent.INGESTION_TIME, event.ingestionTime()));
        doc.add(new NumericDocValuesField(Schema.SEQ, seq));
        if (idx != Schema.IN_BLOCK) {
            doc.add(new NumericDocValuesField(Schema.IDX, idx));
        }
        String message = event.message();
        Map<String, Object> fields = event.fields();
        Object type = null;
        boolean discovered = false;
        String[] ownIds = new String[Ids.OWN_IDS]; // its ids of a compact shape, left out of the message's terms
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (Ids.FIELDS.contains(name)) {
                String id = cut(value.toString());
                BytesRef encoded = Ids.encode(id);
                doc.add(new SortedDocValuesField(name, encoded));
                if (value instanceof String && Ids.isCompact(encoded)) {
                    ownIds[Ids.ownIdIndex(name)] = id;
                }
                if (termsToo.contains(name)) {
                    doc.add(new Field(name, new BytesRef(id), Schema.KEYWORD_TYPE));
                }
            } else if (Schema.KEYWORDS.contains(name)) {
                if (name.equals(LogEvent.TYPE)) {
                    type = value;
                }
                keyword(doc, name, value.toString(), termsToo);
            } else if (Schema.DOUBLES.contains(name)) {
                if (value instanceof Number n && name.equals(LogEvent.BILLED_DURATION)) {
                    ScaledNumbers.addBilled(doc, n.doubleValue(), fields.get(LogEvent.DURATION));
                } else if (value instanceof Number n) {
                    ScaledNumbers.add(doc, name, n.doubleValue());
                }
            } else {
                discovered = true;
                discoveredTerm(doc, name, value.toString(), message);
            }
        }
        MessageTemplates.Rendered rendered = type == null || discovered ? null : MessageTemplates.match(message, fields);
        int template = rendered == null ? MessageTemplates.STORED : rendered.template();
        if (rendered == null) {
            doc.add(new Field(LogEvent.MESSAGE, Ids.withoutOwnIds(message, ownIds), Schema.MESSAGE_TYPE));
            StoredMessage.add(doc, message, event.timestamp(), fields.get(LogEvent.REQUEST_ID));
        } else {
            TemplatedText.index(doc, rendered);
        }
        doc.add(new NumericDocValuesField(Schema.META, (long) utf8Length(message) << 2 | template));
        keyword(doc, LogEvent.LOG, event.log(), termsToo);
        keyword(doc, LogEvent.LOG_STREAM, event.logStream(), termsToo);
        return doc;
    }

    private static void keyword(Document doc, String name, String value, Set<String> termsToo) {
        BytesRef bytes = new BytesRef(cut(value));
        if (!Schema.DOC_VALUES_ONLY.contains(name) || termsToo.contains(name)) {
            doc.add(new Field(name, bytes, Schema.KEYWORD_TYPE));
        }
        doc.add(new SortedDocValuesField(name, bytes));
    }

    /** How a discovered field's value is found: its term, or its name among those in the message or without a term. */
    private static void discoveredTerm(Document doc, String name, String text, String message) {
        if (Schema.scattered(text) && message.contains(text)) {
            doc.add(new Field(Schema.JSON_IN_MESSAGE, name, Schema.KEYWORD_TYPE));
        } else if (text.length() <= Schema.MAX_INDEXED_VALUE_CHARS) {
            doc.add(new Field(Schema.JSON_TERMS, Schema.jsonTerm(name, text), Schema.KEYWORD_TYPE));
        } else {
            doc.add(new Field(Schema.JSON_UNINDEXED, name, Schema.KEYWORD_TYPE)); // for ispresent
        }
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
