package dev.fnlens.collector.query.columnar;

import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.SortKey;
import java.util.List;

/**
 * {@code [filter ...] [| fields/display ...] | sort <field> asc|desc | limit N [| ...]}: the one field the events are
 * sorted by, its direction and how many are kept (at most the row limit). Fields and display give one row per event
 * either way, so only the N winners need them; none may give the field another value than the event's.
 */
record SortShape(String field, boolean descending, int size) {
    /** The shape of the query, or null when it has another. */
    static SortShape of(Query query, ExecutionLimits limits) {
        List<Command> commands = query.commands();
        int at = query.pushdownFilters().size();
        while (at < commands.size() && (commands.get(at) instanceof Command.Fields || commands.get(at) instanceof Command.Display)) {
            at++;
        }
        if (at >= commands.size() || !(commands.get(at) instanceof Command.Sort sort) || sort.keys().size() != 1) {
            return null;
        }
        SortKey key = sort.keys().get(0);
        if (!(key.expr() instanceof Expr.Field f) || assigns(commands.subList(0, at), f.name())) {
            return null;
        }
        int size;
        if (at + 1 == commands.size()) {
            size = limits.maxRows();
        } else if (commands.get(at + 1) instanceof Command.Limit limit) {
            size = Math.min(limit.count(), limits.maxRows());
        } else {
            return null;
        }
        return new SortShape(f.name(), key.descending(), size);
    }

    /** Whether a {@code fields} command gives the field another value than the event's. */
    private static boolean assigns(List<Command> before, String field) {
        return before.stream().anyMatch(c -> c instanceof Command.Fields fields && fields.projections().stream()
                .anyMatch(p -> p.name().equals(field) && !(p.expr() instanceof Expr.Field e && e.name().equals(field))));
    }
}
