package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.event.MessageFields;
import dev.fnlens.query.FieldSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.util.BytesRef;

/**
 * The events of one segment as the query engine's {@link FieldSource}: one instance, moved
 * from document to document in increasing order ({@link #moveTo}), reading each field from
 * its doc values column when first asked. {@code @message} comes from the stored field or
 * its {@link MessageTemplates template}; discovered JSON fields from the message. Not
 * thread-safe; one per segment and query.
 */
public final class EventColumns implements FieldSource {
    /** The "column" of an internal field ({@code @@…}), which reads as absent, and of a discovered JSON field. */
    private static final Object INTERNAL = new Object();
    private static final Object DISCOVERED = new Object();
    private final LeafReader leaf;
    private final NumericDocValues timestamps;
    private final NumericDocValues seqs;
    private final NumericDocValues idxs;
    private final Map<String, Object> columns = new HashMap<>();
    private NumericDocValues meta;
    /**
     * Stored messages are compressed in blocks of some hundred documents. Reading the documents of a block one after
     * another, the merge instance decompresses the block once for all of them; a few search hits, even two next to
     * each other, are read alone, which decompresses only the part of the block that holds each, a tenth or so of
     * the block. The merge instance takes over once {@value #NEAR_IN_A_ROW} reads in a row were near the one before.
     */
    private static final int NEAR_DOCS = 64;
    private static final int NEAR_IN_A_ROW = 4;
    private int nearInARow;
    private StoredFieldsReader blocks;
    private StoredFieldsReader single;
    private int lastStoredDoc = -1;
    private int doc = -1;
    private long timestamp;
    private long seq;
    private long idx;
    private int orderFor = -1;
    private int loadedFor = -1;
    private String message;
    private Map<String, Object> discovered;
    /** The templated message of {@link #loadedFor}, whose fields {@link #discovered} builds when asked; else null. */
    private MessageTemplates.Read templated;

    public EventColumns(LeafReader leaf) throws IOException {
        this.leaf = leaf;
        this.timestamps = DocValues.getNumeric(leaf, LogEvent.TIMESTAMP);
        this.seqs = DocValues.getNumeric(leaf, Schema.SEQ);
        this.idxs = DocValues.getNumeric(leaf, Schema.IDX);
    }

    /** Positions on {@code doc}; docs must come in increasing order. */
    public void moveTo(int doc) throws IOException {
        this.doc = doc;
        timestamp = timestamps.advanceExact(doc) ? timestamps.longValue() : 0;
        orderFor = -1;
    }

    public int doc() {
        return doc;
    }

    public long timestamp() {
        return timestamp;
    }

    /** Ingest order (write-ahead log sequence, then {@link #idx()}): for events of the same millisecond. */
    public long seq() throws IOException {
        loadOrder();
        return seq;
    }

    public long idx() throws IOException {
        loadOrder();
        return idx;
    }

    /** Read only when two events share a millisecond, which is rare enough to matter. */
    private void loadOrder() throws IOException {
        if (orderFor != doc) {
            orderFor = doc;
            seq = seqs.advanceExact(doc) ? seqs.longValue() : 0;
            idx = Schema.position(idxs, doc);
        }
    }

    @Override
    public Object get(String field) {
        try {
            return read(field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UTF-8 size of {@code @message}, known without reading it. */
    @Override
    public long byteSize() {
        try {
            return meta() >>> 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole event, its fields discovered from the message as at ingest. */
    public LogEvent toEvent() throws IOException {
        String text = message();
        return new LogEvent(timestamp, (Long) read(LogEvent.INGESTION_TIME), (String) read(LogEvent.LOG),
                (String) read(LogEvent.LOG_STREAM), text, discovered());
    }

    private Object read(String field) throws IOException {
        switch (field) {
            case LogEvent.TIMESTAMP:
                return timestamp;
            case LogEvent.MESSAGE:
                return message();
            default:
                break;
        }
        Object column = columns.get(field); // one look-up per read: a rendered REPORT line reads a dozen fields
        if (column == null) {
            column = open(field);
            columns.put(field, column);
        }
        if (column instanceof KeywordColumn keyword) {
            return keyword.get(doc);
        }
        if (column instanceof ScaledNumbers.Column numbers) {
            return numbers.get(doc);
        }
        if (column instanceof NumericDocValues values) {
            return values.advanceExact(doc) ? values.longValue() : null;
        }
        return column == INTERNAL ? null : discovered().get(field);
    }

    /** The column of a field: doc values, or {@link #INTERNAL} or {@link #DISCOVERED} for fields without one. */
    private Object open(String field) throws IOException {
        if (Schema.KEYWORDS.contains(field) || Ids.FIELDS.contains(field)) {
            return new KeywordColumn(DocValues.getSorted(leaf, field), Ids.FIELDS.contains(field));
        }
        if (Schema.DOUBLES.contains(field)) {
            return new ScaledNumbers.Column(leaf, field);
        }
        if (Schema.LONGS.contains(field)) {
            return DocValues.getNumeric(leaf, field);
        }
        return field.startsWith("@@") ? INTERNAL : DISCOVERED;
    }

    private long meta() throws IOException {
        if (meta == null) {
            meta = DocValues.getNumeric(leaf, Schema.META);
        }
        return meta.advanceExact(doc) ? meta.longValue() : 0;
    }

    private String message() throws IOException {
        if (loadedFor != doc) {
            loadedFor = doc;
            discovered = null;
            int template = (int) (meta() & 3);
            templated = template == MessageTemplates.STORED ? null : MessageTemplates.read(template, this::get);
            if (template == MessageTemplates.STORED) {
                message = storedMessage();
            } else {
                message = templated == null ? null : templated.message();
            }
            if (message == null) {
                message = "";
            }
        }
        return message;
    }

    /** The fields discovered in the message; for a templated one, the fields it was rendered from. */
    Map<String, Object> discovered() throws IOException {
        String text = message();
        if (discovered == null) {
            discovered = templated != null ? templated.fields() : MessageFields.discover(text);
        }
        return discovered;
    }

    private String storedMessage() throws IOException {
        nearInARow = lastStoredDoc >= 0 && doc - lastStoredDoc <= NEAR_DOCS ? nearInARow + 1 : 0;
        lastStoredDoc = doc;
        StoredFieldsReader reader = nearInARow >= NEAR_IN_A_ROW ? blocks() : single();
        String[] found = new String[1];
        boolean[] tail = new boolean[1];
        reader.document(doc, new StoredFieldVisitor() {
            @Override
            public void stringField(FieldInfo fieldInfo, String value) {
                found[0] = value;
                tail[0] = StoredMessage.TAIL.equals(fieldInfo.name);
            }

            @Override
            public Status needsField(FieldInfo fieldInfo) {
                return found[0] != null ? Status.STOP
                        : LogEvent.MESSAGE.equals(fieldInfo.name) || StoredMessage.TAIL.equals(fieldInfo.name)
                        ? Status.YES : Status.NO;
            }
        });
        return tail[0] ? StoredMessage.whole(timestamp, (String) read(LogEvent.REQUEST_ID), found[0]) : found[0];
    }

    private StoredFieldsReader blocks() throws IOException {
        if (blocks == null) {
            blocks = leaf instanceof CodecReader codec ? codec.getFieldsReader().getMergeInstance() : single();
        }
        return blocks;
    }

    private StoredFieldsReader single() throws IOException {
        if (single == null) {
            single = new PlainStoredFields(leaf.storedFields());
        }
        return single;
    }

    /** A reader's stored fields, read one document at a time. */
    private static final class PlainStoredFields extends StoredFieldsReader {
        private final StoredFields fields;

        PlainStoredFields(StoredFields fields) {
            this.fields = fields;
        }

        @Override
        public void document(int docID, StoredFieldVisitor visitor) throws IOException {
            fields.document(docID, visitor);
        }

        @Override
        public StoredFieldsReader clone() {
            return this;
        }

        @Override
        public void checkIntegrity() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Sorted doc values; for fields with few values (groups, streams, types) each value is decoded once, once the
     * column has been read often enough to pay for the cache (a search's hits read a few events per segment).
     */
    private static final class KeywordColumn {
        private static final int CACHE_LIMIT = 1 << 16;
        private static final int CACHE_AFTER_READS = 64;
        private final SortedDocValues values;
        private final boolean ids;
        private String[] cache;
        private int reads;

        KeywordColumn(SortedDocValues values, boolean ids) {
            this.values = values;
            this.ids = ids;
        }

        private String decode(int ord) throws IOException {
            BytesRef bytes = values.lookupOrd(ord);
            return ids ? Ids.decode(bytes) : bytes.utf8ToString();
        }

        String get(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
                return null;
            }
            int ord = values.ordValue();
            if (cache == null) {
                if (ids || ++reads < CACHE_AFTER_READS || values.getValueCount() > CACHE_LIMIT) {
                    return decode(ord);
                }
                cache = new String[values.getValueCount()];
            }
            String s = cache[ord];
            if (s == null) {
                s = decode(ord);
                cache[ord] = s;
            }
            return s;
        }
    }
}
