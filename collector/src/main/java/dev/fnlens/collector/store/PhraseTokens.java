package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Kind;
import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.collector.store.PhraseInShape.Compare;
import dev.fnlens.collector.store.PhraseInShape.Shape;
import dev.fnlens.collector.store.PhraseInShape.ValueTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A phrase of {@code @message} tokens in templated messages ({@link PhraseByShape}): a value's words are among the
 * text values' words ({@link TemplatedText#VALUES}); a number's words are digits, and a test of them is a range of
 * its column. A whole number is written as one word without leading zeros ({@code 512}), a duration as two, the second
 * of two digits ({@code 102.05}: {@code 102 05}).
 */
final class PhraseTokens implements PhraseByShape.Elements<String> {
    static final PhraseTokens INSTANCE = new PhraseTokens();

    private PhraseTokens() {
    }

    @Override
    public Shape<String> shape(String shape) {
        return TemplatedText.tokens(shape);
    }

    @Override
    public boolean canHold(String shape, int part, List<String> words) {
        return !MessageTemplates.isNumber(TemplatedText.template(shape), part)
                || words.stream().allMatch(PhraseTokens::digits);
    }

    @Override
    public Query exactly(Part part, ValueTest<String> test) {
        return MessageTemplates.isNumber(part) ? numbers(part, test) : null;
    }

    @Override
    public Query candidates(Part part, ValueTest<String> test) {
        if (MessageTemplates.isNumber(part)) {
            return null; // its words are not terms: the shapes narrow, each value is checked
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : new LinkedHashSet<>(test.words())) {
            all.add(new TermQuery(new Term(TemplatedText.VALUES, word)), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    @Override
    public List<String> of(String value) {
        try {
            return MessageAnalyzer.tokens(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analyzing a string in memory
        }
    }

    /**
     * The values of a number part whose words pass the test, as a range of its column; null where no range says it
     * (the last words of a duration, or words amid them).
     */
    static Query numbers(Part part, ValueTest<String> test) {
        List<String> words = test.words();
        boolean duration = part.kind() == Kind.MILLIS;
        if (words.size() == 1 && duration && test.compare() == Compare.STARTS_WITH) {
            Double first = MessageTemplates.readNumber(part, words.get(0) + ".00");
            Double last = MessageTemplates.readNumber(part, words.get(0) + ".99");
            return first == null || last == null ? new MatchNoDocsQuery(part.field() + " is never written so")
                    : FieldQueries.doubleRange(part.field(), first, true, last, true);
        }
        if (duration && words.size() == 1 && test.compare() != Compare.EQUALS) {
            return null; // the whole number or the decimals of a duration
        }
        // any other test means the whole value: one word for a whole number, two for a duration
        Double value = words.size() == (duration ? 2 : 1)
                ? MessageTemplates.readNumber(part, String.join(".", words)) : null;
        return value == null ? new MatchNoDocsQuery(part.field() + " is never written so") : equalTo(part, value);
    }

    static Query equalTo(Part part, double value) {
        return FieldQueries.doubleRange(part.field(), value, true, value, true);
    }

    private static boolean digits(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
