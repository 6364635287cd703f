package dev.fnlens.collector.query;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.columnar.Columnar;
import dev.fnlens.collector.store.EventColumns;
import dev.fnlens.collector.store.EventScan;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.FieldSource;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.SortKey;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Runs Logs Insights queries over the {@link LuceneStore} (the embedded store): opens only the day partitions the
 * time range touches, lets Lucene find the candidate events (time range, log groups and the
 * leading filters, see {@link Pushdown}), and streams them in time order, read from doc values,
 * through the query engine, which applies every filter again. When the filters went into Lucene
 * exactly and the rest is an aggregation or a top-k sort, {@link Columnar} answers per segment
 * from doc values instead, with the same answer. Every run is bounded by a time
 * limit; when it passes, the run stops wherever it is (also inside Lucene's matching and inside
 * a regex) and answers {@code Timeout}. Thread-safe: each run has its own state.
 */
public final class LuceneQueries implements QueryBackend {

    private final LuceneStore store;
    private final boolean columnar;
    private final AtomicLong partitionsOpened = new AtomicLong();

    public LuceneQueries(LuceneStore store) {
        this(store, Columnar.enabled());
    }

    /** @param columnar whether aggregations and top-k sorts may be answered column-wise ({@link Columnar}) */
    public LuceneQueries(LuceneStore store, boolean columnar) {
        this.store = store;
        this.columnar = columnar;
    }

    @Override
    public long partitionsOpened() {
        return partitionsOpened.get();
    }

    @Override
    public QueryAnswer run(Query query, long fromMillis, long toMillis, List<String> logGroups, ExecutionLimits limits)
            throws IOException {
        Duration limit = limits.timeout();
        BooleanSupplier cancelled = limits.cancelled();
        long deadline = System.nanoTime() + limit.toNanos();
        try (Snapshot snapshot = store.snapshot(fromMillis, toMillis, LuceneStore.refreshWait(limit))) {
            partitionsOpened.addAndGet(snapshot.partitions());
            BooleanQuery.Builder lucene = new BooleanQuery.Builder()
                    .add(FieldQueries.timeRange(fromMillis, toMillis), BooleanClause.Occur.FILTER);
            BooleanQuery.Builder filter = new BooleanQuery.Builder(); // the same without the time range
            if (!logGroups.isEmpty()) {
                TermInSetQuery groups = new TermInSetQuery(LogEvent.LOG, logGroups.stream().map(BytesRef::new).toList());
                lucene.add(groups, BooleanClause.Occur.FILTER);
                filter.add(groups, BooleanClause.Occur.FILTER);
            }
            org.apache.lucene.search.Query pushed = Pushdown.of(query.pushdownFilters());
            if (pushed != null) {
                lucene.add(pushed, BooleanClause.Occur.FILTER);
                filter.add(pushed, BooleanClause.Occur.FILTER);
            }
            Deadline scanDeadline = Deadline.at(deadline, cancelled);
            if (snapshot.partitions() > 0 && columnar && Pushdown.exact(query.pushdownFilters())) {
                BooleanQuery filters = filter.build();
                QueryResult answer = Columnar.run(query, snapshot, lucene.build(),
                        filters.clauses().isEmpty() ? new MatchAllDocsQuery() : filters, fromMillis, toMillis, limits,
                        scanDeadline, MessagePushdown::jsonKey);
                if (answer != null) {
                    return new QueryAnswer(answer, snapshot.partitions());
                }
            }
            Iterable<FieldSource> events = snapshot.partitions() == 0 ? List.of()
                    : sortsNewestFirst(query)
                    ? EventScan.newestFirstWindows(snapshot, lucene.build(), fromMillis, toMillis, scanDeadline)
                    : new EventScan(snapshot, lucene.build(), scanDeadline);
            return new QueryAnswer(query.execute(events, limits), snapshot.partitions());
        }
    }

    /**
     * True when the first command that depends on the order of events is a sort whose first
     * key is {@code @timestamp} descending (the console's {@code sort @timestamp desc | limit N}):
     * such a query gives the same answer from newest-first windows and reads far fewer events'
     * text. Only filter, fields, parse and display may come before, and none may assign {@code @timestamp}.
     */
    static boolean sortsNewestFirst(Query query) {
        for (Command c : query.commands()) {
            if (c instanceof Command.Sort sort) {
                SortKey first = sort.keys().get(0);
                return first.descending() && first.expr() instanceof Expr.Field f && f.name().equals(LogEvent.TIMESTAMP);
            }
            boolean assignsTime = c instanceof Command.Fields fields
                    && fields.projections().stream().anyMatch(p -> p.name().equals(LogEvent.TIMESTAMP)
                            && !(p.expr() instanceof Expr.Field f && f.name().equals(LogEvent.TIMESTAMP)))
                    || c instanceof Command.Parse parse && parse.names().contains(LogEvent.TIMESTAMP);
            boolean perEvent = c instanceof Command.Filter || c instanceof Command.Fields || c instanceof Command.Parse
                    || c instanceof Command.Display;
            if (!perEvent || assignsTime) {
                return false;
            }
        }
        return false;
    }

    @Override
    public List<LogEvent> invocation(String requestId, Duration timeout) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        try (Snapshot snapshot = store.snapshotAll()) {
            if (snapshot.partitions() == 0) {
                return events;
            }
            EventScan scan = new EventScan(snapshot,
                    Ids.exactly(LogEvent.REQUEST_ID, List.of(requestId)),
                    new Deadline(timeout.toNanos(), () -> false));
            for (FieldSource e : scan) {
                events.add(((EventColumns) e).toEvent());
                if (events.size() >= QueryService.MAX_INVOCATION_EVENTS) {
                    break;
                }
            }
        } catch (QueryAbortedException e) {
            throw new IOException("looking up request id " + requestId + " took longer than " + timeout);
        }
        return events;
    }
}
