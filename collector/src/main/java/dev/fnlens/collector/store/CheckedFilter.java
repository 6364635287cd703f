package dev.fnlens.collector.store;

import java.io.IOException;
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
 * A filter that checks each document the other clauses of its query agree on: they lead, its own approximation is
 * every document. Never cached, which would check every document of the segment.
 */
abstract class CheckedFilter extends Query {
    /** The check of one segment's documents, asked in increasing order. */
    interface Check {
        boolean test(int doc) throws IOException;
    }

    /** The segment's check, with what it reads opened. */
    abstract Check check(LeafReaderContext context) throws IOException;

    /** What one check costs, about ({@link TwoPhaseIterator#matchCost}). */
    abstract float cost();

    @Override
    public final Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                DocIdSetIterator docs = DocIdSetIterator.all(context.reader().maxDoc());
                Check check = check(context);
                TwoPhaseIterator twoPhase = new TwoPhaseIterator(docs) {
                    @Override
                    public boolean matches() throws IOException {
                        return check.test(docs.docID());
                    }

                    @Override
                    public float matchCost() {
                        return cost();
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, twoPhase);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }
}
