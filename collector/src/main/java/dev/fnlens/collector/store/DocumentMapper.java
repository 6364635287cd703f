package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/** {@link LogEvent} to Lucene document and back, per {@link Schema}. */
public final class DocumentMapper {
    private static final Set<String> BASE = Set.of(LogEvent.TIMESTAMP, LogEvent.INGESTION_TIME, LogEvent.MESSAGE,
            LogEvent.LOG, LogEvent.LOG_STREAM);

    private DocumentMapper() {
    }

    static Document toDocument(LogEvent event, long seq, int idx) {
        Document doc = new Document();
        longField(doc, LogEvent.TIMESTAMP, event.timestamp());
        longField(doc, LogEvent.INGESTION_TIME, event.ingestionTime());
        doc.add(new TextField(LogEvent.MESSAGE, event.message(), Field.Store.YES));
        keyword(doc, LogEvent.LOG, event.log());
        keyword(doc, LogEvent.LOG_STREAM, event.logStream());
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (Schema.KEYWORDS.contains(name)) {
                keyword(doc, name, value.toString());
            } else if (Schema.DOUBLES.contains(name) && value instanceof Number n) {
                doubleField(doc, name, n.doubleValue());
            } else if (!Schema.DOUBLES.contains(name)) {
                discovered(doc, name, value);
            }
        }
        doc.add(new NumericDocValuesField(Schema.SEQ, seq));
        doc.add(new NumericDocValuesField(Schema.IDX, idx));
        return doc;
    }

    /** The event as stored; discovered fields come back with their stored types. */
    public static LogEvent toEvent(Document doc) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (IndexableField f : doc) {
            if (!BASE.contains(f.name())) {
                fields.put(f.name(), storedValue(f));
            }
        }
        return new LogEvent(doc.getField(LogEvent.TIMESTAMP).numericValue().longValue(),
                doc.getField(LogEvent.INGESTION_TIME).numericValue().longValue(),
                doc.get(LogEvent.LOG), doc.get(LogEvent.LOG_STREAM), doc.get(LogEvent.MESSAGE), fields);
    }

    private static Object storedValue(IndexableField f) {
        if (f.numericValue() != null) {
            return f.numericValue();
        }
        BytesRef binary = f.binaryValue();
        return binary != null ? Boolean.valueOf(binary.length == 1 && binary.bytes[binary.offset] == 1) : f.stringValue();
    }

    private static void longField(Document doc, String name, long value) {
        doc.add(new LongPoint(name, value));
        doc.add(new NumericDocValuesField(name, value));
        doc.add(new StoredField(name, value));
    }

    private static void doubleField(Document doc, String name, double value) {
        doc.add(new DoublePoint(name, value));
        doc.add(new DoubleDocValuesField(name, value));
        doc.add(new StoredField(name, value));
    }

    private static void keyword(Document doc, String name, String value) {
        String v = value.length() <= Schema.MAX_KEYWORD_CHARS ? value : value.substring(0, Schema.MAX_KEYWORD_CHARS);
        doc.add(new StringField(name, v, Field.Store.YES));
        doc.add(new SortedDocValuesField(name, new BytesRef(v)));
    }

    /** Stored with its type (a boolean as one byte); indexed as its text when short, so {@code level:ERROR} finds it. */
    private static void discovered(Document doc, String name, Object value) {
        String text = value.toString();
        if (text.length() <= Schema.MAX_INDEXED_VALUE_CHARS) {
            doc.add(new StringField(name, text, Field.Store.NO));
        }
        if (value instanceof Long l) {
            doc.add(new StoredField(name, l));
        } else if (value instanceof Boolean b) {
            doc.add(new StoredField(name, new BytesRef(new byte[] {(byte) (b ? 1 : 0)}))); // the only binary value
        } else if (value instanceof Number n) {
            doc.add(new StoredField(name, n.doubleValue()));
        } else {
            doc.add(new StoredField(name, text));
        }
    }
}
