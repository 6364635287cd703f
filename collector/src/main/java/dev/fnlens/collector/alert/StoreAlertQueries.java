package dev.fnlens.collector.alert;

import dev.fnlens.collector.store.EventColumns;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.FieldSource;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Rule queries straight over the {@link LuceneStore}: every event of the time range is handed to the query
 * engine as the store's {@link EventColumns} (one instance per segment, moved from document to document, reading
 * only the fields the query asks for). Exact; a store-side query service that also pushes filters into Lucene
 * can replace it behind {@link AlertQueries}.
 */
public final class StoreAlertQueries implements AlertQueries {
    private final LuceneStore store;

    public StoreAlertQueries(LuceneStore store) {
        this.store = store;
    }

    @Override
    public QueryResult run(Query query, long startMs, long endMs, Duration timeout) throws IOException {
        try (Snapshot snapshot = store.snapshot(startMs, endMs)) {
            IndexSearcher searcher = snapshot.searcher();
            Weight weight = searcher.createWeight(searcher.rewrite(FieldQueries.timeRange(startMs, endMs)),
                    ScoreMode.COMPLETE_NO_SCORES, 1f);
            Iterable<FieldSource> events = () -> new Events(searcher.getIndexReader().leaves(), weight);
            try {
                return query.execute(events, ExecutionLimits.timeout(timeout));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** The matching documents of each segment in turn. */
    private static final class Events implements Iterator<FieldSource> {
        private final List<LeafReaderContext> leaves;
        private final Weight weight;
        private int leaf = -1;
        private DocIdSetIterator docs;
        private EventColumns columns;
        private int next = DocIdSetIterator.NO_MORE_DOCS;

        Events(List<LeafReaderContext> leaves, Weight weight) {
            this.leaves = leaves;
            this.weight = weight;
            advance();
        }

        private void advance() {
            try {
                while (true) {
                    if (docs != null) {
                        next = docs.nextDoc();
                        if (next != DocIdSetIterator.NO_MORE_DOCS) {
                            return;
                        }
                    }
                    if (++leaf >= leaves.size()) {
                        docs = null;
                        return;
                    }
                    LeafReaderContext ctx = leaves.get(leaf);
                    Scorer scorer = weight.scorer(ctx);
                    docs = scorer == null ? null : scorer.iterator();
                    columns = scorer == null ? null : new EventColumns(ctx.reader());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return docs != null && next != DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public FieldSource next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                EventColumns current = columns; // advance() may move on to the next segment's columns
                current.moveTo(next);
                advance();
                return current;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
