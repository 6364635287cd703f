package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.collector.store.PhraseInShape.Compare;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Events whose number part, as its template writes it ({@code 102.25}, {@code 512}), compares so with a text: the
 * start of a duration ({@code like "Duration: 1"}), its end. Reads the column of each document the other clauses
 * agree on; only a filter beside them (the shapes that have the part lead).
 */
final class NumberText extends Query {
    private final Part part;
    private final Compare compare;
    private final String text;

    NumberText(Part part, Compare compare, String text) {
        this.part = Objects.requireNonNull(part);
        this.compare = Objects.requireNonNull(compare);
        this.text = Objects.requireNonNull(text);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                ScaledNumbers.Column column = new ScaledNumbers.Column(context.reader(), part.field());
                DocIdSetIterator docs = DocIdSetIterator.all(context.reader().maxDoc());
                TwoPhaseIterator check = new TwoPhaseIterator(docs) {
                    @Override
                    public boolean matches() throws IOException {
                        if (!column.advance(docs.docID())) {
                            return false;
                        }
                        String written = MessageTemplates.writtenNumber(part, column.value());
                        return written != null && holds(written);
                    }

                    @Override
                    public float matchCost() {
                        return 50; // a doc value, written out
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, check);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false; // caching would read every document of the segment
            }
        };
    }

    private boolean holds(String written) {
        return switch (compare) {
            case EQUALS -> written.equals(text);
            case STARTS_WITH -> written.startsWith(text);
            case ENDS_WITH -> written.endsWith(text);
            case CONTAINS -> written.contains(text);
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(part.field())) {
            visitor.visitLeaf(this);
        }
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
