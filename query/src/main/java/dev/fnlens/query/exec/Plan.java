package dev.fnlens.query.exec;

import dev.fnlens.query.FieldSource;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A query ready to run once: the stage chain, the answer's columns, the store fields it reads. */
public final class Plan {

    private final Stage head;
    private final Sink sink;
    private final CountStage matched;
    private final Schema events;
    private final List<String> columns;
    private final Set<String> sourceFields;
    private final Deadline deadline;
    private final StatsStage leadingStats;
    private final PatternStage leadingPattern;

    Plan(Stage head, Sink sink, CountStage matched, Schema events, List<String> columns, Set<String> sourceFields,
         Deadline deadline, StatsStage leadingStats, PatternStage leadingPattern) {
        this.head = head;
        this.sink = sink;
        this.matched = matched;
        this.events = events;
        this.columns = List.copyOf(columns);
        this.sourceFields = sourceFields;
        this.deadline = deadline;
        this.leadingStats = leadingStats;
        this.leadingPattern = leadingPattern;
    }

    public List<String> columns() {
        return columns;
    }

    /** The fields read from events, before any command assigns them. */
    public Set<String> sourceFields() {
        return sourceFields;
    }

    /**
     * Streams the events through the stages once. Stops early when a limit is reached without a sort or stats in
     * between; on timeout or cancellation answers with the rows produced so far.
     */
    public QueryResult execute(Iterable<? extends FieldSource> input) {
        EventRow row = new EventRow(events);
        long scanned = 0;
        long bytes = 0;
        QueryStatus status = QueryStatus.Complete;
        try {
            deadline.check();
            for (FieldSource event : input) {
                deadline.tick();
                scanned++;
                bytes += event.byteSize();
                row.reset(event);
                if (!head.push(row)) {
                    break;
                }
            }
            head.finish();
        } catch (QueryAbortedException e) {
            status = e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled;
        }
        return new QueryResult(status, columns, sink.rows, new Statistics(matched.count, scanned, bytes));
    }

    /**
     * Answers from groups a store aggregated itself for the stats that follows the leading filters: each group's key
     * values and its aggregate results (see {@link Planner#aggregateCalls}). Everything after the aggregation — the
     * projections, the order of the groups, later commands, the formatting — runs as in {@link #execute}.
     *
     * @throws IllegalStateException when the query is not leading filters and then a stats
     */
    public QueryResult executeAggregated(List<Object[]> keys, List<Object[]> results, Statistics statistics) {
        if (leadingStats == null) {
            throw new IllegalStateException("the query does not start with filters and a stats");
        }
        QueryStatus status = QueryStatus.Complete;
        try {
            deadline.check();
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).length != leadingStats.keyCount() || results.get(i).length != leadingStats.aggregateCount()) {
                    throw new IllegalArgumentException("group " + i + " has the wrong number of keys or results");
                }
                leadingStats.load(keys.get(i), results.get(i));
            }
            leadingStats.finish();
        } catch (QueryAbortedException e) {
            status = e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled;
        }
        return new QueryResult(status, columns, sink.rows, statistics);
    }

    /**
     * Answers from the shapes a store counted itself for the pattern that follows the leading filters (each shape
     * once, with how many values have it); everything after the pattern runs as in {@link #execute}.
     *
     * @throws IllegalStateException when the query is not leading filters and then a pattern
     */
    public QueryResult executePatterned(Map<String, Long> shapes, Statistics statistics) {
        if (leadingPattern == null) {
            throw new IllegalStateException("the query does not start with filters and a pattern");
        }
        QueryStatus status = QueryStatus.Complete;
        try {
            deadline.check();
            shapes.forEach(leadingPattern::add);
            leadingPattern.finish();
        } catch (QueryAbortedException e) {
            status = e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled;
        }
        return new QueryResult(status, columns, sink.rows, statistics);
    }
}
