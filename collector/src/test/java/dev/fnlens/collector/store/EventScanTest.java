package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventScanTest {
    private static final long T0 = Instant.parse("2026-01-02T10:00:00Z").toEpochMilli();

    @TempDir
    Path root;

    @Test
    void aScanThatMatchesNothing_stillStopsAtItsDeadline() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                events.add(LogEvent.of(T0 + i, T0 + i, "/aws/lambda/orders", "stream-1", "line " + i));
            }
            store.add(1, events);
            store.refresh();
            // every document is looked at, none matches: no row ever reaches the engine's own checks
            Query none = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(LogEvent.LOG, "/aws/lambda/orders")), BooleanClause.Occur.MUST_NOT)
                    .build();
            try (Snapshot snapshot = store.snapshotAll()) {
                assertThat(new EventScan(snapshot, none, Deadline.none())).isEmpty();
                EventScan late = new EventScan(snapshot, none, Deadline.at(System.nanoTime() - 1, () -> false));
                assertThatThrownBy(() -> late.iterator().hasNext()).isInstanceOfSatisfying(QueryAbortedException.class,
                        e -> assertThat(e.isTimeout()).isTrue());
            }
        }
    }
}
