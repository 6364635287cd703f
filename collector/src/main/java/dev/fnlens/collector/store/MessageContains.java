package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.collector.store.PhraseInShape.Compare;
import dev.fnlens.collector.store.PhraseInShape.Shape;
import dev.fnlens.collector.store.PhraseInShape.ValueTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The events whose {@code @message} contains a text, exactly as Logs Insights' {@code like "text"} has it (case and
 * all), so that the query engine need not read the candidates' messages again. A message stored as written is found
 * by its terms ({@code candidates}, which may match more) and checked; a templated one by the ways the text can lie in
 * its shape ({@link PhraseByShape} over characters): {@code like "Init Duration"} is every REPORT line of a shape with
 * an init duration, {@code like "Memory Size: 512 MB"} a range of {@code @memorySize}, a text in an id or a keyword
 * value a test of each distinct value ({@link IdQuery}), the start of a number a test of its column
 * ({@link NumberText}).
 */
public final class MessageContains extends Query {

    private final String text;
    private final Query candidates;

    /**
     * @param candidates over {@code @message}'s terms, at least every event stored as written that contains the text
     *                   (templated messages of indexes before format 4 have such terms too)
     */
    public MessageContains(String text, Query candidates) {
        this.text = Objects.requireNonNull(text);
        this.candidates = Objects.requireNonNull(candidates);
    }

    /**
     * The ways of the templated messages, or the candidates checked one by one: the others among them (the searcher
     * may have widened them to templated messages, as a cached {@code *word*} is), and all when the ways would take
     * too many clauses (many shapes, a long text).
     */
    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        Query templated = PhraseByShape.of(reader, characters(text), CHARACTERS);
        BooleanQuery.Builder checked = new BooleanQuery.Builder()
                .add(templated == null ? TemplatedSearch.include(candidates) : candidates, BooleanClause.Occur.FILTER)
                .add(new TextCheck(text), BooleanClause.Occur.FILTER);
        List<BytesRef> shapes = shapes(reader);
        if (templated != null && !shapes.isEmpty()) {
            checked.add(new TermInSetQuery(TemplatedText.SHAPE, shapes), BooleanClause.Occur.MUST_NOT);
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder().add(checked.build(), BooleanClause.Occur.SHOULD);
        if (templated != null) {
            either.add(templated, BooleanClause.Occur.SHOULD);
        }
        return either.build();
    }

    private static List<BytesRef> shapes(IndexReader reader) throws IOException {
        List<BytesRef> shapes = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(reader, TemplatedText.SHAPE);
        TermsEnum it = terms == null ? TermsEnum.EMPTY : terms.iterator();
        for (BytesRef shape = it.next(); shape != null; shape = it.next()) {
            shapes.add(BytesRef.deepCopyOf(shape));
        }
        return shapes;
    }

    /** The characters of templated messages: what the index answers of a value's. */
    static final PhraseByShape.Elements<Character> CHARACTERS = new PhraseByShape.Elements<>() {
        @Override
        public Shape<Character> shape(String shape) {
            return TemplatedText.characters(shape);
        }

        @Override
        public boolean canHold(String shape, int part, List<Character> chars) {
            if (MessageTemplates.isNumber(TemplatedText.template(shape), part)) {
                return chars.stream().allMatch(c -> c == '.' || c >= '0' && c <= '9');
            }
            // every distinct id is looked at for a test of ids: only for text that can be in one
            return !TemplatedText.compactId(shape, part)
                    || chars.stream().allMatch(c -> c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
        }

        @Override
        public Query exactly(Part part, ValueTest<Character> test) {
            String description = test.compare() + " " + string(test.words());
            return switch (part.kind()) {
                case ID -> new IdQuery(part.field(), description, id -> test.holds(characters(id)));
                case TEXT -> IdQuery.keyword(part.field(), description, v -> test.holds(characters(v)));
                case MILLIS, WHOLE, MEGABYTES -> test.compare() == Compare.EQUALS ? equalTo(part, string(test.words()))
                        : new NumberText(part, test.compare(), string(test.words()));
            };
        }

        @Override
        public Query candidates(Part part, ValueTest<Character> test) {
            return null; // every test is answered exactly above
        }

        @Override
        public List<Character> of(String value) {
            return characters(value);
        }
    };

    /** The events whose number is written exactly so. */
    private static Query equalTo(Part part, String written) {
        Double value = MessageTemplates.readNumber(part, written);
        return value == null ? new MatchNoDocsQuery(part.field() + " is never written so") : PhraseTokens.equalTo(part, value);
    }

    private static List<Character> characters(String s) {
        return s.chars().mapToObj(c -> (char) c).toList();
    }

    private static String string(List<Character> chars) {
        StringBuilder s = new StringBuilder(chars.size());
        chars.forEach(s::append);
        return s.toString();
    }

    /** Events whose message contains the text, read one by one: only as a filter beside candidates. */
    private static final class TextCheck extends CheckedFilter {
        private final String text;

        TextCheck(String text) {
            this.text = text;
        }

        @Override
        Check check(LeafReaderContext context) throws IOException {
            EventColumns columns = new EventColumns(context.reader());
            return doc -> {
                columns.moveTo(doc);
                return ((String) columns.get(LogEvent.MESSAGE)).contains(text);
            };
        }

        @Override
        float cost() {
            return 1_000; // reads the message
        }

        @Override
        public String toString(String field) {
            return "@message contains " + text;
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && text.equals(((TextCheck) other).text);
        }

        @Override
        public int hashCode() {
            return 31 * classHash() + text.hashCode();
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "@message like \"" + text + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && text.equals(((MessageContains) other).text)
                && candidates.equals(((MessageContains) other).candidates);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classHash() + text.hashCode()) + candidates.hashCode();
    }
}
