package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.LeadingStats;
import dev.fnlens.query.Query;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code [filter ...] | stats ...} that can be aggregated from doc values: keys are keyword fields, discovered
 * JSON fields (from their terms, {@link DiscoveredValues}) or {@code bin()} of {@code @timestamp} (at most two),
 * aggregates are count, sum, avg, min, max, pct/percentile and count_distinct over
 * {@link NumberColumn numeric expressions} of the Lambda numbers and times, count_distinct also over keyword and id
 * fields ({@link TextIds}), sum, avg, min, max and pct also over a discovered field's numbers.
 *
 * @param arguments the distinct aggregate arguments, each read once per event
 */
record StatsShape(Query query, LeadingStats stats, List<Key> keys, List<Expr> arguments, List<Aggregate> aggregates) {

    /** A group key: a keyword field's ordinal, a discovered field's value, or the time bin of {@code @timestamp}. */
    sealed interface Key {
    }

    record Keyword(String field) implements Key {
    }

    record Discovered(String field) implements Key {
    }

    /** bin(p) of @timestamp, as the engine's datefloor computes it; a period of 0 or less bins by the time itself. */
    record Bin(long periodMillis) implements Key {
        long start(long time) {
            return periodMillis <= 0 ? time : Math.floorDiv(time, periodMillis) * periodMillis;
        }

        /** The first time after {@code time}'s bin; at or before {@code time} only when that would overflow. */
        long end(long time) {
            return periodMillis <= 0 ? time + 1 : start(time) + periodMillis;
        }
    }

    enum Kind { ROWS, PRESENT, SUM, AVG, MIN, MAX, PCT, DISTINCT }

    /** One aggregate call; {@code argument} indexes {@link #arguments} (-1 for count(*)). */
    record Aggregate(Kind kind, int argument, double percent) {
    }

    private static final int MAX_KEYS = 2;

    /** The shape of the query, or null when the row engine must answer it. */
    static StatsShape of(Query query) {
        LeadingStats stats = query.leadingStats().orElse(null);
        if (stats == null || stats.command().groupBy().size() > MAX_KEYS) {
            return null;
        }
        List<Key> keys = new ArrayList<>();
        for (Projection p : stats.command().groupBy()) {
            Key k = key(p.expr());
            if (k == null) {
                return null;
            }
            keys.add(k);
        }
        List<Expr> arguments = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (Expr.Call call : stats.calls()) {
            Aggregate a = aggregate(call, arguments);
            if (a == null) {
                return null;
            }
            aggregates.add(a);
        }
        return new StatsShape(query, stats, keys, arguments, aggregates);
    }

    /**
     * The discovered JSON field an expression is, else null. As a key, its values group; as the argument of sum, avg,
     * min, max or pct, its numbers count (numeric text too, booleans as 1 and 0, as the engine takes them).
     */
    static String discoveredField(Expr e) {
        // a NUL in the name would make its terms ambiguous with another field's (name, separator, value)
        return e instanceof Expr.Field f && Schema.isDiscovered(f.name()) && f.name().indexOf(Schema.JSON_SEPARATOR) < 0
                ? f.name() : null;
    }

    /** Whether an aggregate reads a discovered field's numbers. */
    boolean readsDiscoveredNumbers() {
        return arguments.stream().anyMatch(a -> discoveredField(a) != null);
    }

    /** The discovered fields the keys and arguments read, each once. */
    List<String> discoveredFields() {
        List<String> fields = new ArrayList<>();
        for (Key k : keys) {
            if (k instanceof Discovered d && !fields.contains(d.field())) {
                fields.add(d.field());
            }
        }
        for (Expr a : arguments) {
            String field = discoveredField(a);
            if (field != null && !fields.contains(field)) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static Key key(Expr e) {
        if (e instanceof Expr.Field f && Schema.KEYWORDS.contains(f.name())) {
            return new Keyword(f.name());
        }
        String discovered = discoveredField(e);
        if (discovered != null) {
            return new Discovered(discovered);
        }
        if (e instanceof Expr.Call c && c.function().equals("bin") && c.args().size() == 1
                && c.args().get(0) instanceof Expr.DurationLiteral d) {
            return new Bin(d.millis());
        }
        if (e instanceof Expr.Call c && c.function().equals("datefloor") && c.args().size() == 2
                && c.args().get(0) instanceof Expr.Field f && f.name().equals(LogEvent.TIMESTAMP)
                && c.args().get(1) instanceof Expr.DurationLiteral d) {
            return new Bin(d.millis());
        }
        return null;
    }

    private static Aggregate aggregate(Expr.Call call, List<Expr> arguments) {
        boolean rows = call.args().isEmpty() || call.args().get(0) instanceof Expr.Star;
        if (call.function().equals("count") && rows) {
            return new Aggregate(Kind.ROWS, -1, 0);
        }
        Expr argument = call.args().get(0);
        Kind kind = switch (call.function()) {
            case "count" -> Kind.PRESENT;
            case "sum" -> Kind.SUM;
            case "avg" -> Kind.AVG;
            case "min" -> Kind.MIN;
            case "max" -> Kind.MAX;
            case "pct", "percentile" -> Kind.PCT;
            case "count_distinct" -> Kind.DISTINCT;
            default -> null; // stddev, earliest, latest, sortsFirst, sortsLast: the row engine
        };
        boolean readable = kind == Kind.PRESENT ? NumberColumn.presenceReadable(argument)
                : NumberColumn.readable(argument) || kind == Kind.DISTINCT && TextIds.readable(argument)
                || kind != Kind.DISTINCT && discoveredField(argument) != null;
        if (kind == null || !readable) {
            return null;
        }
        double percent = kind == Kind.PCT ? ((Expr.NumberLiteral) call.args().get(1)).value() : 0;
        int index = arguments.indexOf(argument);
        if (index < 0) {
            index = arguments.size();
            arguments.add(argument);
        }
        return new Aggregate(kind, index, percent);
    }
}
