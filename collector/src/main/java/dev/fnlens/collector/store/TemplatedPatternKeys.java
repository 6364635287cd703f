package dev.fnlens.collector.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;

/**
 * What the {@code pattern} shape of a templated message depends on, read from one segment's columns without rendering
 * it: its template, which parts it writes and the values of its text parts. Each other value it writes is a number
 * (digits, perhaps a dot and two decimals) or an id of a compact form (a UUID, 16 hex digits, an X-Ray trace id),
 * between a label that ends in a space and a space, a tab or the end: the shape makes each such value one
 * {@code <*>}, whatever its digits, and nothing else reaches into one but a quoted string, whose ends only the text
 * parts and the fixed text decide. So messages with the same key have the same shape, and a store shapes one of them.
 * The keys hold the text values' ordinals: they compare within the segment only.
 */
public final class TemplatedPatternKeys {
    private final NumericDocValues meta;
    /** Columns by field, each opened once; {@link #parts} points into them. */
    private final Map<String, Object> columns = new HashMap<>();
    /** Per template, its parts' columns, once first asked. */
    private final PartColumns[][] parts = new PartColumns[MessageTemplates.PARTS.size()][];
    private final Map<String, int[]> textIdOrds = new HashMap<>();
    private final LeafReader leaf;
    private final StringBuilder key = new StringBuilder();

    public TemplatedPatternKeys(LeafReader leaf) throws IOException {
        this.leaf = leaf;
        this.meta = DocValues.getNumeric(leaf, Schema.META);
    }

    /** The key of the document's message; null when it is not templated or an id of it has no compact form. */
    public String of(int doc) throws IOException {
        int template = meta.advanceExact(doc) ? (int) (meta.longValue() & 3) : MessageTemplates.STORED;
        if (template == MessageTemplates.STORED) {
            return null;
        }
        key.setLength(0);
        key.append((char) ('0' + template));
        for (PartColumns p : partColumns(template)) {
            MessageTemplates.Part part = p.part();
            boolean written = has(p.field(), doc) && (p.alsoNeeds() == null || has(p.alsoNeeds(), doc));
            if (!written) {
                key.append('\u0000');
            } else if (part.kind() == MessageTemplates.Kind.TEXT) {
                key.append('\u0001').append(((SortedDocValues) p.field()).ordValue()).append('\u0002');
            } else if (part.kind() == MessageTemplates.Kind.ID && !compactId(part.field(), (SortedDocValues) p.field())) {
                return null;
            } else {
                key.append('\u0003');
            }
        }
        return key.toString();
    }

    /** A template's part with its field's column and its {@code alsoNeeds}' (null for none). */
    private record PartColumns(MessageTemplates.Part part, Object field, Object alsoNeeds) {
    }

    private PartColumns[] partColumns(int template) throws IOException {
        PartColumns[] known = parts[template];
        if (known == null) {
            List<MessageTemplates.Part> templateParts = MessageTemplates.PARTS.get(template);
            known = new PartColumns[templateParts.size()];
            for (int i = 0; i < known.length; i++) {
                MessageTemplates.Part part = templateParts.get(i);
                known[i] = new PartColumns(part, column(part.field()),
                        part.alsoNeeds() == null ? null : column(part.alsoNeeds()));
            }
            parts[template] = known;
        }
        return known;
    }

    private static boolean has(Object column, int doc) throws IOException {
        return column instanceof SortedDocValues values ? values.advanceExact(doc)
                : ((ScaledNumbers.Column) column).advance(doc);
    }

    /** Whether the id part's value, at the document {@link #has} found, is of a compact form. */
    private boolean compactId(String field, SortedDocValues values) throws IOException {
        int[] text = textIdOrds.get(field);
        if (text == null) {
            text = Ids.textOrds(values);
            textIdOrds.put(field, text);
        }
        int ord = values.ordValue();
        return !(ord >= text[0] && ord < text[1] || ord >= text[2]);
    }

    private Object column(String field) throws IOException {
        Object column = columns.get(field);
        if (column == null) {
            column = Schema.DOUBLES.contains(field) ? new ScaledNumbers.Column(leaf, field)
                    : DocValues.getSorted(leaf, field);
            columns.put(field, column);
        }
        return column;
    }
}
