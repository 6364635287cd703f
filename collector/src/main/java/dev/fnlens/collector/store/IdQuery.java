package dev.fnlens.collector.store;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
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
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Events whose id field ({@link Ids#FIELDS}), or keyword field ({@link #keyword}), satisfies a test, for lookups
 * other than equality (prefix, pieces of an id): each segment tests its distinct values once (a segment's millions of
 * ids only when the first of its events is asked), then checks each event's ordinal. Equality is cheaper with
 * {@link Ids#exactly}.
 */
public final class IdQuery extends Query {
    /** A segment with at most this many distinct values (a keyword's) tests them at once, and none passing is no scorer. */
    private static final int EAGER_VALUES = 4_096;
    private final String field;
    private final String description;
    private final Predicate<String> test;
    private final Function<BytesRef, String> decode;

    /**
     * @param description what the test is, for equality and toString: queries of a field with the same
     *                    description must test the same
     */
    public IdQuery(String field, String description, Predicate<String> test) {
        this(field, description, test, Ids::decode);
    }

    private IdQuery(String field, String description, Predicate<String> test, Function<BytesRef, String> decode) {
        this.field = Objects.requireNonNull(field);
        this.description = Objects.requireNonNull(description);
        this.test = Objects.requireNonNull(test);
        this.decode = decode;
    }

    /** The same over one of the {@link Schema#KEYWORDS}, whose values are their UTF-8. */
    static IdQuery keyword(String field, String description, Predicate<String> test) {
        return new IdQuery(field, description, test, BytesRef::utf8ToString);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                SortedDocValues ids = DocValues.getSorted(context.reader(), field);
                FixedBitSet known = ids.getValueCount() <= EAGER_VALUES ? matchingOrds(ids) : null;
                if (known != null && known.nextSetBit(0) == DocIdSetIterator.NO_MORE_DOCS) {
                    return null;
                }
                TwoPhaseIterator twoPhase = new TwoPhaseIterator(ids) {
                    /** Many values (ids) are tested when a document first asks: beside clauses that agree on none, never. */
                    private FixedBitSet matching = known;

                    @Override
                    public boolean matches() throws IOException {
                        if (matching == null) {
                            matching = matchingOrds(ids);
                        }
                        return matching.get(ids.ordValue());
                    }

                    @Override
                    public float matchCost() {
                        return 3;
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, twoPhase);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return DocValues.isCacheable(ctx, field);
            }
        };
    }

    /** The ordinals of the segment's distinct values that pass the test. */
    private FixedBitSet matchingOrds(SortedDocValues values) throws IOException {
        FixedBitSet matching = new FixedBitSet(Math.max(1, values.getValueCount()));
        TermsEnum terms = values.termsEnum();
        for (BytesRef value = terms.next(); value != null; value = terms.next()) {
            if (test.test(decode.apply(value))) {
                matching.set((int) terms.ord());
            }
        }
        return matching;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return this.field + ":" + description;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && field.equals(((IdQuery) other).field)
                && description.equals(((IdQuery) other).description);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classHash() + field.hashCode()) + description.hashCode();
    }
}
