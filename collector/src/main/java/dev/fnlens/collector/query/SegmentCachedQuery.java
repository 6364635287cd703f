package dev.fnlens.collector.query;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.RoaringDocIdSet;

/**
 * A query whose matches are kept per segment. A word that may sit inside a longer token ({@code *throttled*})
 * is found by scanning the segment's whole term dictionary, whatever the time range; an alert rule asks the
 * same word every interval, so each segment is scanned once and its matching documents are kept (compressed)
 * until the segment is merged away. Lucene's own query cache declines such a clause next to a narrow time range.
 */
final class SegmentCachedQuery extends Query {
    /** (segment, query) pairs kept; the least recently used go first. */
    static final int MAX_ENTRIES = 512;
    private static final Map<Key, DocIdSet> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, DocIdSet> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Segments that already tell the cache when they close: one listener each, however often entries come back. */
    private static final Set<IndexReader.CacheKey> WATCHED = new HashSet<>();

    private record Key(IndexReader.CacheKey segment, Query query) {
    }

    private final Query query;

    SegmentCachedQuery(Query query) {
        this.query = Objects.requireNonNull(query);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                DocIdSet matches = segmentMatches(inner, context);
                DocIdSetIterator docs = matches.iterator();
                return docs == null ? null : new ConstantScoreScorer(this, score(), scoreMode, docs);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false; // it caches itself
            }
        };
    }

    private DocIdSet segmentMatches(Weight inner, LeafReaderContext context) throws IOException {
        IndexReader.CacheHelper helper = context.reader().getCoreCacheHelper();
        if (helper == null) {
            return collect(inner, context);
        }
        Key key = new Key(helper.getKey(), query);
        synchronized (CACHE) {
            DocIdSet known = CACHE.get(key);
            if (known != null) {
                return known;
            }
        }
        DocIdSet found = collect(inner, context);
        boolean watch;
        synchronized (CACHE) {
            CACHE.put(key, found);
            watch = WATCHED.add(key.segment());
        }
        if (watch) {
            helper.addClosedListener(SegmentCachedQuery::forget);
        }
        return found;
    }

    private static void forget(IndexReader.CacheKey segment) {
        synchronized (CACHE) {
            CACHE.keySet().removeIf(k -> k.segment() == segment);
            WATCHED.remove(segment);
        }
    }

    private static DocIdSet collect(Weight inner, LeafReaderContext context) throws IOException {
        RoaringDocIdSet.Builder set = new RoaringDocIdSet.Builder(context.reader().maxDoc());
        Scorer scorer = inner.scorer(context);
        if (scorer != null) {
            DocIdSetIterator docs = scorer.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                set.add(doc);
            }
        }
        return set.build();
    }

    /** How many (segment, query) pairs are kept now. */
    static int size() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        query.visit(visitor.getSubVisitor(BooleanClause.Occur.FILTER, this));
    }

    @Override
    public String toString(String field) {
        return "cached(" + query.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && query.equals(((SegmentCachedQuery) other).query);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + query.hashCode();
    }
}
