package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.store.EventColumns;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * A discovered JSON field's value for each document of one segment, to group by: its {@link Schema#JSON_TERMS} term
 * gives most documents their value without reading them. The others that may have the field are read, and their
 * message's fields discovered as the row engine does: a value without a term (see {@code withoutTerm}), a term that
 * could also be a number's or a boolean's ({@code 200} and {@code "200"} have the same term but are different
 * groups), and any doc the terms leave in doubt.
 */
final class DiscoveredValues {
    /** {@link #ord}: the document has no value. */
    static final int MISSING = -1;
    /** {@link #ord}: the document's value must be {@link #read}. */
    static final int READ = -2;

    private final String field;
    private final LeafReaderContext context;
    private final boolean numbers;
    private final List<String> terms = new ArrayList<>();
    private int[] ords; // per document: an index into terms, MISSING or READ; null while all are missing
    private EventColumns columns; // opened at the first document read

    private DiscoveredValues(String field, LeafReaderContext context, boolean numbers) {
        this.field = field;
        this.context = context;
        this.numbers = numbers;
    }

    /**
     * @param withoutTerm at least the documents whose value of {@code field} has no term: named in
     *                    {@link Schema#JSON_IN_MESSAGE} or {@link Schema#JSON_UNINDEXED}, or for partitions written
     *                    before the latter, with the field's key in their message
     */
    static DiscoveredValues open(String field, LeafReaderContext context, Weight withoutTerm) throws IOException {
        return open(field, context, withoutTerm, false);
    }

    /**
     * The field's values to aggregate as numbers: a number's term gives its value whether the JSON wrote a number or a
     * numeric string (the engine adds both); only a boolean's term must be read, for {@code "true"} is no number.
     */
    static DiscoveredValues openForNumbers(String field, LeafReaderContext context, Weight withoutTerm)
            throws IOException {
        return open(field, context, withoutTerm, true);
    }

    private static DiscoveredValues open(String field, LeafReaderContext context, Weight withoutTerm, boolean numbers)
            throws IOException {
        DiscoveredValues values = new DiscoveredValues(field, context, numbers);
        values.readTerms();
        values.readWithoutTerm(withoutTerm);
        return values;
    }

    /** The document's value as an index for {@link #term}, or {@link #MISSING}, or {@link #READ}. */
    int ord(int doc) {
        return ords == null ? MISSING : ords[doc];
    }

    String term(int ord) {
        return terms.get(ord);
    }

    int termCount() {
        return terms.size();
    }

    /** The value the row engine would see (null when the event has none). */
    Object read(int doc) throws IOException {
        if (columns == null) {
            columns = new EventColumns(context.reader());
        }
        columns.moveTo(doc);
        return columns.get(field);
    }

    private void readTerms() throws IOException {
        Terms all = context.reader().terms(Schema.JSON_TERMS);
        if (all == null) {
            return;
        }
        BytesRef prefix = new BytesRef(field + Schema.JSON_SEPARATOR);
        TermsEnum it = all.iterator();
        if (it.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
            return;
        }
        PostingsEnum postings = null;
        for (BytesRef term = it.term(); term != null && StringHelper.startsWith(term, prefix); term = it.next()) {
            String value = term.utf8ToString().substring(field.length() + 1);
            // a separator in the value could be another field's, one whose name starts with this one's and a NUL
            boolean known = numbers ? !value.equals("true") && !value.equals("false") : Schema.onlyAString(value);
            int ord = known && value.indexOf(Schema.JSON_SEPARATOR) < 0 ? terms.size() : READ;
            if (ord >= 0) {
                terms.add(value);
            }
            postings = it.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                set(doc, ord);
            }
        }
    }

    private void readWithoutTerm(Weight withoutTerm) throws IOException {
        Scorer scorer = withoutTerm.scorer(context);
        if (scorer == null) {
            return;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator docs = twoPhase != null ? twoPhase.approximation() : scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            if (ord(doc) == MISSING && (twoPhase == null || twoPhase.matches())) {
                set(doc, READ);
            }
        }
    }

    /** A second term for one document (which discovery never gives one field) leaves the document to be read. */
    private void set(int doc, int ord) {
        if (ords == null) {
            ords = new int[context.reader().maxDoc()];
            Arrays.fill(ords, MISSING);
        }
        ords[doc] = ords[doc] == MISSING ? ord : READ;
    }
}
