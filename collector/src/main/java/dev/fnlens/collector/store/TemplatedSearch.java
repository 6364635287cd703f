package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.DocIdSetBuilder;

/**
 * A query over {@code @message} made to find the messages {@link TemplatedText} indexes by their values and shape
 * too: each term, multi-term and phrase query on {@code @message} becomes "that, or a templated message that has
 * it". A word is found among the values' words (a number's by its column: {@link NumberWords}) and in the fixed
 * words of each shape in the index (a handful of terms); a phrase of fixed words by the shapes alone, one with a
 * value's words by rendering the candidates ({@link TemplatedPhrase}). Indexes written before templated messages
 * had no terms of their own still answer through {@code @message}.
 */
public final class TemplatedSearch {
    private TemplatedSearch() {
    }

    /** {@code query} with every {@code @message} clause widened to templated messages. */
    public static Query include(Query query) {
        if (query instanceof BooleanQuery b) {
            if (b.clauses().stream().anyMatch(c -> c.getQuery() instanceof Shapes)) {
                return b; // widened already
            }
            BooleanQuery.Builder widened = new BooleanQuery.Builder()
                    .setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            boolean changed = false;
            for (BooleanClause clause : b.clauses()) {
                Query q = include(clause.getQuery());
                changed |= q != clause.getQuery();
                widened.add(q, clause.getOccur());
            }
            return changed ? widened.build() : b;
        }
        if (query instanceof BoostQuery b) {
            Query q = include(b.getQuery());
            return q == b.getQuery() ? b : new BoostQuery(q, b.getBoost());
        }
        if (query instanceof ConstantScoreQuery c) {
            Query q = include(c.getQuery());
            return q == c.getQuery() ? c : new ConstantScoreQuery(q);
        }
        if (query instanceof TermQuery t && isMessage(t.getTerm().field())) {
            String word = t.getTerm().text();
            return either(t, TemplatedText.withValueWord(word), Shapes.withWord(word));
        }
        if (query instanceof MultiTermQuery m && isMessage(m.getField())) {
            Set<String> words = FixedWordTerms.acceptedBy(m);
            return either(m, new ValueTerms(m), NumberWords.acceptedBy(m), new Shapes("with a word of " + m,
                    tokens -> tokens.stream().anyMatch(words::contains)));
        }
        if (query instanceof PhraseQuery p && isMessage(p.getField())) {
            return either(p, new Shapes("with phrase " + p, tokens -> p.getSlop() == 0 && TemplatedPhrase.contains(tokens, p)),
                    new TemplatedPhrase(p));
        }
        return query;
    }

    private static boolean isMessage(String field) {
        return LogEvent.MESSAGE.equals(field);
    }

    /** Any of the queries given, null ones left out. */
    private static Query either(Query... queries) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        for (Query q : queries) {
            if (q != null) {
                either.add(q, BooleanClause.Occur.SHOULD);
            }
        }
        return either.build();
    }

    /** Templated messages whose shape's tokens ({@link TemplatedText#skeleton}) pass a test. */
    static final class Shapes extends Query {
        private final String description;
        private final Predicate<List<String>> test;

        static Shapes withWord(String word) {
            return new Shapes("with word " + word, tokens -> tokens.contains(word));
        }

        /** {@code description} names the test: queries with the same one are equal. */
        Shapes(String description, Predicate<List<String>> test) {
            this.description = description;
            this.test = test;
        }

        @Override
        public Query rewrite(IndexSearcher searcher) throws IOException {
            Terms shapes = MultiTerms.getTerms(searcher.getIndexReader(), TemplatedText.SHAPE);
            List<BytesRef> chosen = new ArrayList<>();
            if (shapes != null) {
                TermsEnum it = shapes.iterator();
                for (BytesRef shape = it.next(); shape != null; shape = it.next()) {
                    List<String> tokens = TemplatedText.skeleton(shape.utf8ToString());
                    if (tokens != null && test.test(tokens)) {
                        chosen.add(BytesRef.deepCopyOf(shape));
                    }
                }
            }
            return chosen.isEmpty() ? new MatchNoDocsQuery("no shape " + description)
                    : new TermInSetQuery(TemplatedText.SHAPE, chosen);
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "shape " + description;
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && description.equals(((Shapes) other).description);
        }

        @Override
        public int hashCode() {
            return 31 * classHash() + description.hashCode();
        }
    }

    /**
     * The values' words ({@link TemplatedText#VALUES}) a multi-term query (prefix, wildcard, regex, ...) accepts, found
     * segment by segment when scored (so that {@code SegmentCachedQuery} keeps a segment's answer).
     */
    static final class ValueTerms extends Query {
        private final MultiTermQuery query;

        ValueTerms(MultiTermQuery query) {
            this.query = query;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    Terms terms = context.reader().terms(TemplatedText.VALUES);
                    if (terms == null) {
                        return null;
                    }
                    TermsEnum it = query.getTermsEnum(terms);
                    DocIdSetBuilder docs = new DocIdSetBuilder(context.reader().maxDoc(), terms);
                    PostingsEnum postings = null;
                    for (BytesRef t = it.next(); t != null; t = it.next()) {
                        postings = it.postings(postings, PostingsEnum.NONE);
                        docs.add(postings);
                    }
                    DocIdSetIterator matches = docs.build().iterator();
                    return matches == null ? null : new ConstantScoreScorer(this, score(), scoreMode, matches);
                }

                @Override
                public boolean isCacheable(LeafReaderContext ctx) {
                    return true;
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "value words of " + query;
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && query.equals(((ValueTerms) other).query);
        }

        @Override
        public int hashCode() {
            return 31 * classHash() + query.hashCode();
        }
    }

    /** The templates' fixed words as a term dictionary, so that any multi-term query can say which it accepts. */
    private static final class FixedWordTerms {
        private static final String FIELD = "w";
        private static final Terms TERMS = build();

        static Set<String> acceptedBy(MultiTermQuery query) {
            Set<String> words = new HashSet<>();
            try {
                TermsEnum it = query.getTermsEnum(TERMS);
                for (BytesRef t = it.next(); t != null; t = it.next()) {
                    words.add(t.utf8ToString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // an index in memory
            }
            return words;
        }

        private static Terms build() {
            try {
                ByteBuffersDirectory dir = new ByteBuffersDirectory();
                try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
                    Document doc = new Document();
                    for (String word : TemplatedText.FIXED_WORDS) {
                        doc.add(new StringField(FIELD, word, Field.Store.NO));
                    }
                    writer.addDocument(doc);
                }
                return DirectoryReader.open(dir).leaves().get(0).reader().terms(FIELD); // open for good
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
