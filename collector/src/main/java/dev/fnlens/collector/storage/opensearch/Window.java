package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import dev.fnlens.query.ast.SortKey;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A query whose answer depends only on the first few matching events in some order: filters
 * (all translated exactly), then only {@code fields} / {@code display}, then perhaps a sort whose
 * first key is {@code @timestamp} or a REPORT number, then perhaps a limit — the console's
 * {@code fields @timestamp, @message | sort @timestamp desc | limit 20}, or
 * {@code sort @duration desc | limit 100}. OpenSearch sorts and hands over just those events,
 * with every event that ties with the last one on the first key (the sort's other keys, which
 * OpenSearch does not see, may reorder them), and the engine finishes over them read in ingest
 * order: as the engine's sort keeps ties in that order too, the answer is the same as over all.
 *
 * @param field      the first sort key, or null for none (the events in ingest order)
 * @param descending its direction
 * @param rows       events that make the answer
 */
record Window(String field, boolean descending, int rows) {

    /** The window of {@code query} answering at most {@code maxRows}, or null when it needs every event. */
    static Window of(Query query, int maxRows) {
        List<Command> commands = query.commands();
        int i = 0;
        while (i < commands.size() && commands.get(i) instanceof Command.Filter) {
            i++; // the leading filters: the pushdown
        }
        while (i < commands.size() && (commands.get(i) instanceof Command.Display
                || commands.get(i) instanceof Command.Fields f && !assignsSortable(f))) {
            i++;
        }
        String field = null;
        boolean descending = false;
        if (i < commands.size() && commands.get(i) instanceof Command.Sort sort) {
            SortKey first = sort.keys().get(0);
            if (!(first.expr() instanceof Expr.Field f)
                    || !f.name().equals(LogEvent.TIMESTAMP) && !Schema.DOUBLES.contains(f.name())) {
                return null;
            }
            field = f.name();
            descending = first.descending();
            i++;
        }
        int rows = maxRows;
        if (i < commands.size() && commands.get(i) instanceof Command.Limit limit) {
            rows = Math.min(rows, limit.count());
            i++;
        }
        return i == commands.size() && rows >= 1 ? new Window(field, descending, rows) : null;
    }

    /** The events of the window only, then the engine over them; statistics as if it had read every matching event. */
    QueryResult run(OpenSearchClient client, List<String> indices, ObjectNode filter, Query query,
                    ExecutionLimits limits, long deadline) throws IOException {
        List<HitStream.Hit> hits = new ArrayList<>();
        HitStream stream = new HitStream(client, indices, filter, deadline, limits.cancelled(), order(),
                Math.min(HitStream.PAGE, rows + 100));
        try {
            for (HitStream.Hit hit : stream.hits()) {
                if (hits.size() >= rows && !(field != null && ties(hit, hits.get(hits.size() - 1)))) {
                    break; // enough, and past the events that tie with the last one
                }
                hits.add(hit);
            }
        } catch (QueryAbortedException e) {
            return aborted(query, e.isTimeout());
        }
        if (field != null) {
            hits.sort(INGEST_ORDER); // the engine reads in ingest order, as from the whole range
        }
        QueryResult answer = query.execute(hits.stream().map(HitStream.Hit::event).toList(), limits);
        if (field == null) {
            return answer; // the engine stops reading at the limit: its statistics are those of the whole range
        }
        long matched;
        try {
            matched = client.count(indices, filter, deadline);
        } catch (QueryAbortedException e) {
            return aborted(query, true);
        }
        return new QueryResult(answer.status(), answer.columns(), answer.rows(),
                new Statistics(matched, matched, answer.statistics().bytesScanned()));
    }

    /** Same first sort key. */
    private static boolean ties(HitStream.Hit a, HitStream.Hit b) {
        return a.sort().get(0).equals(b.sort().get(0));
    }

    private static QueryResult aborted(Query query, boolean timeout) {
        return new QueryResult(timeout ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(), List.of(),
                new Statistics(0, 0, 0));
    }

    /** Hits of a window in ingest order: their last four sort values are time, collector, sequence, position. */
    private static final Comparator<HitStream.Hit> INGEST_ORDER = Comparator
            .comparingLong((HitStream.Hit h) -> tail(h, 4).asLong())
            .thenComparing(h -> tail(h, 3).asText())
            .thenComparingLong(h -> tail(h, 2).asLong())
            .thenComparingLong(h -> tail(h, 1).asLong());

    private static JsonNode tail(HitStream.Hit hit, int fromEnd) {
        return hit.sort().get(hit.sort().size() - fromEnd);
    }

    /** The order OpenSearch reads the window in. */
    ArrayNode order() {
        return field == null ? HitStream.ingestOrder(false)
                : field.equals(LogEvent.TIMESTAMP) ? HitStream.ingestOrder(descending)
                : HitStream.byField(field, descending);
    }

    /** A {@code fields} that gives a field we may sort by another value would make OpenSearch's order wrong. */
    private static boolean assignsSortable(Command.Fields fields) {
        for (Projection p : fields.projections()) {
            boolean sortable = p.name().equals(LogEvent.TIMESTAMP) || Schema.DOUBLES.contains(p.name());
            if (sortable && !(p.expr() instanceof Expr.Field f && f.name().equals(p.name()))) {
                return true;
            }
        }
        return false;
    }
}
