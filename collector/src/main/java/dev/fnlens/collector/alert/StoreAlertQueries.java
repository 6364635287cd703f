package dev.fnlens.collector.alert;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.DocumentMapper;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.LeafReaderContext;
import java.util.List;

/**
 * Rule queries straight over the {@link LuceneStore}: every event of the time range is read from stored fields
 * and handed to the query engine, one at a time. Simple and exact; a store-side query service that pushes
 * filters into Lucene can replace it behind {@link AlertQueries}.
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
            Weight weight = searcher.createWeight(searcher.rewrite(
                    LongPoint.newRangeQuery(LogEvent.TIMESTAMP, startMs, endMs)), ScoreMode.COMPLETE_NO_SCORES, 1f);
            Iterable<LogEvent> events = () -> new Events(searcher.getIndexReader().leaves(), weight);
            try {
                return query.execute(events, ExecutionLimits.timeout(timeout));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** The matching documents of each segment in turn, read as events. */
    private static final class Events implements Iterator<LogEvent> {
        private final List<LeafReaderContext> leaves;
        private final Weight weight;
        private int leaf = -1;
        private DocIdSetIterator docs;
        private StoredFields stored;
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
                    stored = ctx.reader().storedFields();
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
        public LogEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                LogEvent e = DocumentMapper.toEvent(stored.document(next));
                advance();
                return e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
