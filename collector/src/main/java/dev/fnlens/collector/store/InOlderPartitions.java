package dev.fnlens.collector.store;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * {@code inner}'s matches in the days written before every discovered value too long for a term was named
 * ({@link Partition#namesLongValues}): the fallbacks that find such values there, which the days since need not
 * pay for. Searched by anything but a {@link Snapshot}'s searcher, every segment counts as older.
 */
final class InOlderPartitions extends Query {
    private final Query inner;

    InOlderPartitions(Query inner) {
        this.inner = Objects.requireNonNull(inner);
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = inner.rewrite(searcher);
        return rewritten == inner ? this : new InOlderPartitions(rewritten);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Snapshot.Searcher snapshot = searcher instanceof Snapshot.Searcher s ? s : null;
        return new FilterWeight(this, inner.createWeight(searcher, scoreMode, boost)) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                return snapshot != null && snapshot.namesLongValues(context) ? null : in.scorer(context);
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        inner.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.FILTER, this));
    }

    @Override
    public String toString(String field) {
        return "inOlderPartitions(" + inner.toString(field) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return sameClassAs(o) && inner.equals(((InOlderPartitions) o).inner);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + inner.hashCode();
    }
}
