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
 * values' words ({@link TemplatedText#VALUES}); a number's words are digits, and a test of them is a range of its
 * column. A whole number is written as one word without leading zeros ({@code 512}), a duration as two, the second
 * of two digits ({@code 102.05}: {@code 102 05}).
 */
final class PhraseTokens implements PhraseByShape.Elements<String> {
    static final PhraseTokens INSTANCE = new PhraseTokens();
    private static final double BYTES_PER_MB = 1_000_000d;
    /** Longer digit runs are not numbers a template writes (it writes up to 1e15). */
    private static final int MAX_DIGITS = 16;

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
        return part.kind() == Kind.MILLIS || part.kind() == Kind.WHOLE || part.kind() == Kind.MEGABYTES
                ? numbers(part, test) : null;
    }

    @Override
    public Query candidates(ValueTest<String> test) {
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
        if (words.stream().anyMatch(w -> w.length() > MAX_DIGITS)) {
            return new MatchNoDocsQuery("longer than a number a template writes");
        }
        if (part.kind() != Kind.MILLIS) {
            if (words.size() != 1 || !written(words.get(0))) {
                return new MatchNoDocsQuery(part.field() + " is written as one whole number");
            }
            return equalTo(part, Long.parseLong(words.get(0)) * (part.kind() == Kind.MEGABYTES ? BYTES_PER_MB : 1));
        }
        if (words.size() == 2) { // every test of two words means the whole duration
            if (!written(words.get(0)) || words.get(1).length() != 2) {
                return new MatchNoDocsQuery(part.field() + " is written as 0.00");
            }
            return equalTo(part, (Long.parseLong(words.get(0)) * 100 + Long.parseLong(words.get(1))) / 100d);
        }
        if (words.size() == 1 && test.compare() == Compare.STARTS_WITH) {
            if (!written(words.get(0))) {
                return new MatchNoDocsQuery(part.field() + " is written without leading zeros");
            }
            long whole = Long.parseLong(words.get(0));
            return FieldQueries.doubleRange(part.field(), whole, true, (whole * 100 + 99) / 100d, true);
        }
        return words.size() > 2 || test.compare() == Compare.EQUALS
                ? new MatchNoDocsQuery(part.field() + " is written as two numbers") : null;
    }

    static Query equalTo(Part part, double value) {
        return FieldQueries.doubleRange(part.field(), value, true, value, true);
    }

    /** Digits as {@code Long.toString} writes them: no leading zero but in "0". */
    static boolean written(String digits) {
        return digits.length() == 1 || digits.charAt(0) != '0';
    }

    private static boolean digits(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
