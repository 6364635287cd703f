package dev.fnlens.query;

import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Moves each {@code filter} ahead of the {@code fields}, {@code parse} and {@code display} commands before it that set
 * nothing it reads. Those map one event to one row and filters only drop rows, so the answer is the same; but a store
 * can then push the filter into its index: the console's {@code fields @timestamp, @message | filter @message like
 * /Exception/ | sort @timestamp desc | limit 20} reads its 20 rows instead of every event until 20 match.
 */
final class FiltersFirst {
    private FiltersFirst() {
    }

    static List<Command> of(List<Command> commands) {
        List<Command> ordered = new ArrayList<>(commands.size());
        for (Command c : commands) {
            int at = ordered.size();
            if (c instanceof Command.Filter f) {
                Set<String> reads = new HashSet<>();
                reads(f.condition(), reads);
                while (at > 0 && passes(ordered.get(at - 1), reads)) {
                    at--;
                }
            }
            ordered.add(at, c);
        }
        return ordered;
    }

    /** Whether a filter reading {@code reads} may run before {@code before}. */
    private static boolean passes(Command before, Set<String> reads) {
        List<String> sets;
        if (before instanceof Command.Display) {
            return true;
        } else if (before instanceof Command.Fields fields) {
            sets = fields.projections().stream().filter(p -> !shownAsIs(p)).map(Projection::name).toList();
        } else if (before instanceof Command.Parse parse) {
            sets = parse.names();
        } else {
            return false;
        }
        return sets.stream().noneMatch(name -> reads.stream().anyMatch(read -> overlap(name, read)));
    }

    private static boolean shownAsIs(Projection p) {
        return p.expr() instanceof Expr.Field f && f.name().equals(p.name());
    }

    /** Conservative: a name set and a name read are one field when they match ignoring case, or one holds the other. */
    private static boolean overlap(String set, String read) {
        String a = set.toLowerCase(Locale.ROOT);
        String b = read.toLowerCase(Locale.ROOT);
        return a.equals(b) || b.startsWith(a + ".") || a.startsWith(b + ".");
    }

    private static void reads(Expr e, Set<String> names) {
        if (e instanceof Expr.Field f) {
            names.add(f.name());
        } else if (e instanceof Expr.Unary u) {
            reads(u.operand(), names);
        } else if (e instanceof Expr.Binary b) {
            reads(b.left(), names);
            reads(b.right(), names);
        } else if (e instanceof Expr.In in) {
            reads(in.value(), names);
            in.candidates().forEach(c -> reads(c, names));
        } else if (e instanceof Expr.Match m) {
            reads(m.value(), names);
        } else if (e instanceof Expr.Call call) {
            call.args().forEach(a -> reads(a, names));
        } // literals and * read no field
    }
}
