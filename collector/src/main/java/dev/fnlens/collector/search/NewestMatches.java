package dev.fnlens.collector.search;

import dev.fnlens.collector.store.NewestDocs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;

/** The newest N matches of a search and how many matched ({@link NewestDocs}). */
final class NewestMatches implements CollectorManager<NewestMatches.Rings, NewestMatches.Result> {
    private final int limit;

    NewestMatches(int limit) {
        this.limit = limit;
    }

    record Result(ScoreDoc[] newest, long matched) {
    }

    @Override
    public Rings newCollector() {
        return new Rings(new NewestDocs(limit));
    }

    @Override
    public Result reduce(Collection<Rings> collectors) throws IOException {
        List<NewestDocs.Doc> candidates = new ArrayList<>();
        long matched = 0;
        for (Rings rings : collectors) {
            matched += rings.docs.matched();
            candidates.addAll(rings.docs.candidates());
        }
        candidates.sort(NewestDocs.NEWEST_FIRST);
        ScoreDoc[] newest = new ScoreDoc[Math.min(limit, candidates.size())];
        for (int i = 0; i < newest.length; i++) {
            newest[i] = new ScoreDoc(candidates.get(i).doc(), Float.NaN);
        }
        return new Result(newest, matched);
    }

    /** One collector: a ring per segment it saw. */
    static final class Rings implements Collector {
        private final NewestDocs docs;

        Rings(NewestDocs docs) {
            this.docs = docs;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            NewestDocs.Ring ring = docs.segment(context);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) {
                    ring.add(doc);
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
