package dev.fnlens.collector.store;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Events among some candidates whose discovered field has exactly this value, or a value starting with it, checked
 * by discovering the field again from each candidate's message: for values that only the message's terms hold
 * ({@link Schema#scattered}), where a query over the message finds the value's text anywhere in the line.
 */
public final class DiscoveredValueQuery extends Query {
    private final String field;
    private final String value;
    private final boolean prefix;
    private final Query candidates;

    private DiscoveredValueQuery(String field, String value, boolean prefix, Query candidates) {
        this.field = Objects.requireNonNull(field);
        this.value = Objects.requireNonNull(value);
        this.prefix = prefix;
        this.candidates = Objects.requireNonNull(candidates);
    }

    /** The candidates whose {@code field} is {@code value}. */
    public static DiscoveredValueQuery equalTo(String field, String value, Query candidates) {
        return new DiscoveredValueQuery(field, value, false, candidates);
    }

    /** The candidates whose {@code field} starts with {@code prefix}. */
    public static DiscoveredValueQuery startingWith(String field, String prefix, Query candidates) {
        return new DiscoveredValueQuery(field, prefix, true, candidates);
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = candidates.rewrite(searcher);
        return rewritten == candidates ? this : new DiscoveredValueQuery(field, value, prefix, rewritten);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = candidates.createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, 1);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                Scorer approximation = inner.scorer(context);
                if (approximation == null) {
                    return null;
                }
                EventColumns events = new EventColumns(context.reader());
                TwoPhaseIterator exact = new TwoPhaseIterator(approximation.iterator()) {
                    @Override
                    public boolean matches() throws IOException {
                        events.moveTo(approximation.docID());
                        Object found = events.get(field);
                        if (found == null) {
                            return false;
                        }
                        String text = found.toString();
                        return prefix ? text.startsWith(value) : text.equals(value);
                    }

                    @Override
                    public float matchCost() {
                        return 1_000; // reads and parses the message
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, exact);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return inner.isCacheable(ctx);
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        candidates.visit(visitor.getSubVisitor(BooleanClause.Occur.FILTER, this));
    }

    @Override
    public String toString(String ignored) {
        return field + (prefix ? " starts with " : "=") + value + " among " + candidates;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && field.equals(((DiscoveredValueQuery) other).field)
                && value.equals(((DiscoveredValueQuery) other).value) && prefix == ((DiscoveredValueQuery) other).prefix
                && candidates.equals(((DiscoveredValueQuery) other).candidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, value, prefix, candidates);
    }
}
