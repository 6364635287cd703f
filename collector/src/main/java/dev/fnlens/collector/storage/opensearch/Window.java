package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.Query;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import dev.fnlens.query.ast.SortKey;
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
