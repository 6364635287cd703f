package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ast.Expr;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * {@code count_distinct} of a keyword or id field, column-wise: each distinct value, by its text as the engine reads
 * it, gets a number shared by every segment and both halves of a run, so that the distinct numbers of a group are
 * its distinct values. A segment's values are numbered once, in order, not looked up per event.
 */
final class TextIds {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** Whether {@code count_distinct} of the expression can be counted so. */
    static boolean readable(Expr e) {
        return e instanceof Expr.Field f && (Schema.KEYWORDS.contains(f.name()) || Ids.FIELDS.contains(f.name()));
    }

    /** The field's values in one segment as their numbers; no value where the event has none. */
    NumberColumn column(String field, LeafReader leaf) throws IOException {
        SortedDocValues values = DocValues.getSorted(leaf, field);
        boolean isId = Ids.FIELDS.contains(field);
        int[] byOrd = new int[values.getValueCount()];
        TermsEnum terms = values.termsEnum();
        int ord = 0;
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
            String text = isId ? Ids.decode(term) : term.utf8ToString(); // two encodings of one id are one value
            byOrd[ord++] = ids.computeIfAbsent(text, t -> next.getAndIncrement());
        }
        return new NumberColumn() {
            @Override
            boolean read(int doc) throws IOException {
                if (!values.advanceExact(doc)) {
                    return false;
                }
                value = byOrd[values.ordValue()];
                return true;
            }
        };
    }
}
