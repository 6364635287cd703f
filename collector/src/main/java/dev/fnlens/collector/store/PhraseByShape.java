package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Kind;
import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.collector.store.PhraseInShape.Compare;
import dev.fnlens.collector.store.PhraseInShape.ValueTest;
import dev.fnlens.collector.store.PhraseInShape.Way;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * An exact phrase over templated messages as a query of the ways it can lie in them ({@link PhraseInShape}): for
 * each way, the messages of the shapes it can lie in whose values pass its tests. A test of a number is a range of
 * its column ("Memory Size: 512 MB": {@code @memorySize} is 512,000,000, "Init Duration: 250": 250 to 250.99), a
 * test of text its words among the values' words, checked in the value alone ({@link ValuesHold}).
 */
final class PhraseByShape {
    private static final double BYTES_PER_MB = 1_000_000d;
    /** Longer digit runs are not numbers a template writes (it writes up to 1e15). */
    private static final int MAX_DIGITS = 16;

    private PhraseByShape() {
    }

    /** The query; null when it would take more than {@code maxClauses} clauses (many shapes, a long phrase). */
    static Query of(IndexReader reader, List<String> phrase, int maxClauses) throws IOException {
        Map<TemplateWay, List<BytesRef>> shapesOfWay = new LinkedHashMap<>();
        Terms shapes = MultiTerms.getTerms(reader, TemplatedText.SHAPE);
        TermsEnum it = shapes == null ? TermsEnum.EMPTY : shapes.iterator();
        for (BytesRef term = it.next(); term != null; term = it.next()) {
            String shape = term.utf8ToString();
            List<String> skeleton = TemplatedText.skeleton(shape);
            if (skeleton == null) {
                continue;
            }
            int template = TemplatedText.template(shape);
            for (Way way : PhraseInShape.ways(skeleton, TemplatedText.slots(shape),
                    part -> MessageTemplates.isNumber(template, part), phrase)) {
                shapesOfWay.computeIfAbsent(new TemplateWay(template, way), w -> new ArrayList<>())
                        .add(BytesRef.deepCopyOf(term));
            }
        }
        if (shapesOfWay.isEmpty()) {
            return new MatchNoDocsQuery("no shape holds " + phrase + " across a value");
        }
        BooleanQuery.Builder anyWay = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<TemplateWay, List<BytesRef>> e : shapesOfWay.entrySet()) {
            BooleanQuery.Builder way = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(TemplatedText.SHAPE, e.getValue()), BooleanClause.Occur.FILTER);
            List<ValueTest> checked = new ArrayList<>();
            for (ValueTest test : e.getKey().way().tests()) {
                Part part = MessageTemplates.PARTS.get(e.getKey().template()).get(test.part());
                Query numbers = MessageTemplates.isNumber(e.getKey().template(), test.part()) ? numbers(part, test) : null;
                if (numbers != null) {
                    way.add(numbers, BooleanClause.Occur.FILTER);
                    clauses++;
                    continue;
                }
                for (String word : test.words()) {
                    way.add(new TermQuery(new Term(TemplatedText.VALUES, word)), BooleanClause.Occur.FILTER);
                    clauses++;
                }
                checked.add(test);
            }
            if (!checked.isEmpty()) {
                way.add(new ValuesHold(e.getKey().template(), new Way(checked)), BooleanClause.Occur.FILTER);
            }
            anyWay.add(way.build(), BooleanClause.Occur.SHOULD);
            clauses += 2;
            if (clauses > maxClauses) {
                return null;
            }
        }
        return anyWay.build();
    }

    /** A way of the phrase in messages of one template: the parts its tests name are that template's. */
    private record TemplateWay(int template, Way way) {
    }

    /**
     * The values of a number part whose words pass the test, as a range of its column; null where no range says it
     * (the last words of a duration, or words amid them). A whole number is written as one word without leading
     * zeros ({@code 512}), a duration as two, the second of two digits ({@code 102.05}: {@code 102 05}).
     */
    static Query numbers(Part part, ValueTest test) {
        List<String> words = test.words();
        if (words.stream().anyMatch(w -> w.length() > MAX_DIGITS)) {
            return new MatchNoDocsQuery("longer than a number a template writes");
        }
        if (part.kind() != Kind.MILLIS) {
            if (words.size() != 1 || !written(words.get(0))) {
                return new MatchNoDocsQuery(part.field() + " is written as one whole number");
            }
            double value = Long.parseLong(words.get(0)) * (part.kind() == Kind.MEGABYTES ? BYTES_PER_MB : 1);
            return FieldQueries.doubleRange(part.field(), value, true, value, true);
        }
        if (words.size() == 2) { // every test of two words means the whole duration
            if (!written(words.get(0)) || words.get(1).length() != 2) {
                return new MatchNoDocsQuery(part.field() + " is written as 0.00");
            }
            double value = (Long.parseLong(words.get(0)) * 100 + Long.parseLong(words.get(1))) / 100d;
            return FieldQueries.doubleRange(part.field(), value, true, value, true);
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

    /** Digits as {@code Long.toString} writes them: no leading zero but in "0". */
    private static boolean written(String digits) {
        return digits.length() == 1 || digits.charAt(0) != '0';
    }

    /**
     * Messages in which the tests of one way hold, their values read alone. Only a filter beside the shapes' terms and
     * the tests' words, which lead: alone it would read every document.
     */
    private static final class ValuesHold extends Query {
        private final int template;
        private final Way way;

        ValuesHold(int template, Way way) {
            this.template = template;
            this.way = way;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            List<Part> parts = MessageTemplates.PARTS.get(template);
            List<Way> ways = List.of(way);
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext context) {
                    DocIdSetIterator docs = DocIdSetIterator.all(context.reader().maxDoc());
                    List<List<String>> words = new ArrayList<>(Collections.nCopies(parts.size(), null));
                    TwoPhaseIterator check = new TwoPhaseIterator(docs) {
                        private EventColumns columns; // once the other clauses agree on a document

                        @Override
                        public boolean matches() throws IOException {
                            if (columns == null) {
                                columns = new EventColumns(context.reader());
                            }
                            columns.moveTo(docs.docID());
                            Collections.fill(words, null);
                            return PhraseInShape.holds(ways, part -> {
                                if (words.get(part) == null) {
                                    String value = MessageTemplates.valueOf(parts.get(part), columns::get);
                                    words.set(part, value == null ? List.of() : tokens(value));
                                }
                                return words.get(part);
                            });
                        }

                        @Override
                        public float matchCost() {
                            return 200; // reads a value or two and cuts it into words
                        }
                    };
                    return new ConstantScoreScorer(this, score(), scoreMode, check);
                }

                @Override
                public boolean isCacheable(LeafReaderContext ctx) {
                    return false; // caching would check every document of the segment
                }
            };
        }

        private static List<String> tokens(String value) {
            try {
                return MessageAnalyzer.tokens(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // analyzing a string in memory
            }
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "values of template " + template + " hold " + way;
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && template == ((ValuesHold) other).template && way.equals(((ValuesHold) other).way);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * classHash() + template) + way.hashCode();
        }
    }
}
