package dev.fnlens.query.exec;

import dev.fnlens.query.FieldSource;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.util.List;
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

    Plan(Stage head, Sink sink, CountStage matched, Schema events, List<String> columns, Set<String> sourceFields,
         Deadline deadline) {
        this.head = head;
        this.sink = sink;
        this.matched = matched;
        this.events = events;
        this.columns = List.copyOf(columns);
        this.sourceFields = sourceFields;
        this.deadline = deadline;
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
}
