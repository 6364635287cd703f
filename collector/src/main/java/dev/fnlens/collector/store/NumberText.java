package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.collector.store.PhraseInShape.Compare;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Events whose number part, as its template writes it ({@code 102.25}, {@code 512}), compares so with a text: the
 * start of a duration ({@code like "Duration: 1"}), its end: the column of each document the other clauses agree on
 * (the shapes that have the part), written out.
 */
final class NumberText extends CheckedFilter {
    private final Part part;
    private final Compare compare;
    private final String text;

    NumberText(Part part, Compare compare, String text) {
        this.part = Objects.requireNonNull(part);
        this.compare = Objects.requireNonNull(compare);
        this.text = Objects.requireNonNull(text);
    }

    @Override
    Check check(LeafReaderContext context) throws IOException {
        ScaledNumbers.Column column = new ScaledNumbers.Column(context.reader(), part.field());
        char[] written = new char[MessageTemplates.MAX_NUMBER_CHARS];
        return doc -> {
            if (!column.advance(doc)) {
                return false;
            }
            int length = MessageTemplates.writeNumber(part, column.value(), written);
            return length >= 0 && compare.holds(length, text.length(), from -> at(written, from));
        };
    }

    @Override
    float cost() {
        return 20; // a doc value, written out
    }

    /** Whether the text is written at {@code from}. */
    private boolean at(char[] written, int from) {
        for (int i = 0; i < text.length(); i++) {
            if (written[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString(String field) {
        return part.field() + " written " + compare + " " + text;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && part.equals(((NumberText) other).part) && compare == ((NumberText) other).compare
                && text.equals(((NumberText) other).text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), part, compare, text);
    }
}
