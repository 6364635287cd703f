package dev.fnlens.collector.query;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.IdQuery;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.UnaryOp;
import dev.fnlens.query.runtime.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * The leading {@code filter} conditions of a query ({@code Query.pushdownFilters()}) as a
 * Lucene query, so that the engine reads only candidate events. The engine applies every
 * filter again, so a translation may match more than the condition but never less: each
 * part is translated exactly, more loosely, or not at all (an {@code and} keeps the parts it
 * can; {@code or} and {@code not} need both sides, {@code not} an exact one).
 */
final class Pushdown {
    /** Fields every event has: {@code ispresent} of them is always true. */
    private static final Set<String> ALWAYS = Set.of(LogEvent.TIMESTAMP, LogEvent.INGESTION_TIME, LogEvent.MESSAGE,
            LogEvent.LOG, LogEvent.LOG_STREAM);

    /** A translation; {@code exact} when it matches precisely the events the condition holds for. */
    record Translated(Query query, boolean exact) {
        /** Exactly {@code q}'s events; null for none. */
        static Translated exactly(Query q) {
            return q == null ? null : new Translated(q, true);
        }

        /** At least the condition's events; null for none. */
        static Translated loose(Query q) {
            return q == null ? null : new Translated(q, false);
        }
    }

    private Pushdown() {
    }

    /** All conditions together, or null when none narrows anything. */
    static Query of(List<Expr> conditions) {
        List<Query> parts = new ArrayList<>();
        for (Expr condition : conditions) {
            Translated t = translate(condition);
            if (t != null) {
                parts.add(t.query());
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        parts.forEach(p -> all.add(p, BooleanClause.Occur.FILTER));
        return all.build();
    }

    /** Whether {@link #of} matches exactly the events that satisfy every condition, so none need checking again. */
    static boolean exact(List<Expr> conditions) {
        for (Expr condition : conditions) {
            Translated t = translate(condition);
            if (t == null || !t.exact()) {
                return false;
            }
        }
        return true;
    }

    static Translated translate(Expr e) {
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR)) {
            return logical(b);
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
            Translated inner = translate(u.operand());
            if (inner == null || !inner.exact()) {
                return null;
            }
            return new Translated(not(inner.query()), true);
        }
        if (e instanceof Expr.Binary b && b.op().isComparison()) {
            return comparison(b);
        }
        if (e instanceof Expr.In in && in.value() instanceof Expr.Field f) {
            return in(f.name(), in.candidates(), in.negated());
        }
        if (e instanceof Expr.Match m && m.value() instanceof Expr.Field f) {
            return match(f.name(), m.pattern(), m.negated());
        }
        if (e instanceof Expr.Call c && c.function().equalsIgnoreCase("ispresent") && c.args().size() == 1
                && c.args().get(0) instanceof Expr.Field f) {
            return present(f.name());
        }
        return null;
    }

    private static Translated logical(Expr.Binary b) {
        Translated l = translate(b.left());
        Translated r = translate(b.right());
        if (b.op() == BinaryOp.AND) {
            if (l == null || r == null) {
                Translated one = l != null ? l : r;
                return one == null ? null : new Translated(one.query(), false);
            }
            return new Translated(new BooleanQuery.Builder().add(l.query(), BooleanClause.Occur.FILTER)
                    .add(r.query(), BooleanClause.Occur.FILTER).build(), l.exact() && r.exact());
        }
        if (l == null || r == null) {
            return null;
        }
        return new Translated(new BooleanQuery.Builder().add(l.query(), BooleanClause.Occur.SHOULD)
                .add(r.query(), BooleanClause.Occur.SHOULD).build(), l.exact() && r.exact());
    }

    private static Translated comparison(Expr.Binary b) {
        Conditions.Comparison c = Conditions.comparison(b);
        if (c == null) {
            return null;
        }
        BinaryOp op = c.op();
        Expr literal = c.literal();
        String name = c.field();
        if (Schema.DOUBLES.contains(name) || Schema.LONGS.contains(name)) {
            Double v = Conditions.number(literal);
            return v == null ? null : numeric(name, op, v);
        }
        if (Schema.isDiscovered(name) && Conditions.number(literal) != null) {
            return Translated.loose(DiscoveredPushdown.compared(name, op, Conditions.number(literal)));
        }
        if (!(literal instanceof Expr.StringLiteral s)) {
            return null; // a number next to text compares as numbers: not a term
        }
        String value = s.value();
        if (name.equals(LogEvent.MESSAGE)) {
            return op == BinaryOp.EQ ? Translated.loose(MessageMatch.containing(value)) : null;
        }
        Query exactly;
        boolean exact = true;
        if (Schema.KEYWORDS.contains(name) || name.equals(LogEvent.LOG) || name.equals(LogEvent.LOG_STREAM)) {
            exactly = FieldQueries.keyword(name, value);
        } else if (Ids.FIELDS.contains(name)) {
            exactly = Ids.exactly(name, List.of(value));
        } else if (Schema.isDiscovered(name) && !Values.looksNumeric(value) && value.length() <= 256) {
            exactly = DiscoveredPushdown.oneOf(name, List.of(value));
            exact = false;
        } else {
            return null;
        }
        if (op == BinaryOp.EQ) {
            return new Translated(exactly, exact);
        }
        if (op == BinaryOp.NE && exact) {
            return new Translated(presentAndNot(name, exactly), true);
        }
        return null;
    }

    private static Translated numeric(String name, BinaryOp op, double v) {
        Query q;
        if (Schema.LONGS.contains(name)) {
            if (Math.abs(v) > 1L << 52) {
                return null;
            }
            q = switch (op) {
                case EQ, NE -> v == Math.rint(v) ? FieldQueries.longRange(name, (long) v, (long) v)
                        : FieldQueries.longRange(name, 1, 0);
                case LT -> FieldQueries.longRange(name, Long.MIN_VALUE, (long) Math.ceil(v) - 1);
                case LE -> FieldQueries.longRange(name, Long.MIN_VALUE, (long) Math.floor(v));
                case GT -> FieldQueries.longRange(name, (long) Math.floor(v) + 1, Long.MAX_VALUE);
                case GE -> FieldQueries.longRange(name, (long) Math.ceil(v), Long.MAX_VALUE);
                default -> null;
            };
        } else {
            double inf = Double.POSITIVE_INFINITY;
            q = switch (op) {
                case EQ, NE -> FieldQueries.doubleRange(name, v, true, v, true);
                case LT -> FieldQueries.doubleRange(name, -inf, true, v, false);
                case LE -> FieldQueries.doubleRange(name, -inf, true, v, true);
                case GT -> FieldQueries.doubleRange(name, v, false, inf, true);
                case GE -> FieldQueries.doubleRange(name, v, true, inf, true);
                default -> null;
            };
        }
        if (q == null) {
            return null;
        }
        return new Translated(op == BinaryOp.NE ? presentAndNot(name, q) : q, true);
    }

    private static Translated in(String name, List<Expr> candidates, boolean negated) {
        if (candidates.isEmpty()) {
            return null;
        }
        Translated any;
        if (Schema.DOUBLES.contains(name) || Schema.LONGS.contains(name)) {
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            for (Expr c : candidates) {
                Double v = Conditions.number(c);
                Translated one = v == null ? null : numeric(name, BinaryOp.EQ, v);
                if (one == null) {
                    return null;
                }
                either.add(one.query(), BooleanClause.Occur.SHOULD);
            }
            any = new Translated(either.build(), true);
        } else {
            List<String> values = new ArrayList<>();
            for (Expr c : candidates) {
                if (!(c instanceof Expr.StringLiteral s)) {
                    return null;
                }
                values.add(s.value());
            }
            if (Schema.KEYWORDS.contains(name) || name.equals(LogEvent.LOG) || name.equals(LogEvent.LOG_STREAM)) {
                any = new Translated(FieldQueries.keywordIn(name, values), true);
            } else if (Ids.FIELDS.contains(name)) {
                any = new Translated(Ids.exactly(name, values), true);
            } else if (Schema.isDiscovered(name) && values.stream().noneMatch(v -> Values.looksNumeric(v) || v.length() > 256)) {
                any = new Translated(DiscoveredPushdown.oneOf(name, values), false);
            } else {
                return null;
            }
        }
        if (!negated) {
            return any;
        }
        return any.exact() ? new Translated(presentAndNot(name, any.query()), true) : null;
    }

    private static Translated match(String name, Expr pattern, boolean negated) {
        if (name.equals(LogEvent.MESSAGE)) {
            return MessagePushdown.match(pattern, negated);
        }
        if (negated) {
            return null; // the positive forms below are loose, or not worth it
        }
        if (pattern instanceof Expr.StringLiteral s) {
            if (isKeyword(name)) {
                return new Translated(FieldQueries.keywordWildcard(name, "*" + Conditions.escapeWildcard(s.value()) + "*"), true);
            }
            if (Ids.FIELDS.contains(name)) {
                String sub = s.value();
                return new Translated(new IdQuery(name, "contains " + sub, id -> id.contains(sub)), true);
            }
            return Schema.isDiscovered(name) ? Translated.loose(DiscoveredPushdown.containing(name, List.of(s.value()))) : null;
        }
        String regex = ((Expr.RegexLiteral) pattern).pattern();
        boolean caseless = Conditions.caseless(regex);
        if (Schema.isDiscovered(name)) {
            List<String> required = RegexLiterals.required(regex);
            return caseless || required.isEmpty() ? null : Translated.loose(DiscoveredPushdown.containing(name, required));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String literal : RegexLiterals.required(regex)) {
            Query q = null;
            if (isKeyword(name) && !caseless) {
                q = FieldQueries.keywordWildcard(name, "*" + Conditions.escapeWildcard(literal) + "*");
            } else if (Ids.FIELDS.contains(name) && !caseless) {
                // the regex itself is never run here: a runaway one would not stop at the deadline
                q = new IdQuery(name, "contains " + literal, id -> id.contains(literal));
            }
            if (q != null) {
                all.add(q, BooleanClause.Occur.FILTER);
                clauses++;
            }
        }
        return clauses == 0 ? null : new Translated(all.build(), false);
    }

    private static Translated present(String name) {
        if (ALWAYS.contains(name)) {
            return new Translated(new MatchAllDocsQuery(), true);
        }
        if (Schema.DOUBLES.contains(name)) {
            return new Translated(FieldQueries.doubleExists(name), true);
        }
        if (isKeyword(name) || Ids.FIELDS.contains(name)) {
            return new Translated(new FieldExistsQuery(name), true);
        }
        if (Schema.isDiscovered(name)) {
            return Translated.loose(FieldQueries.discoveredPresent(name, MessagePushdown.jsonKey(name)));
        }
        return null;
    }

    private static Query presentAndNot(String name, Query q) {
        Query present = Schema.DOUBLES.contains(name) ? FieldQueries.doubleExists(name)
                : ALWAYS.contains(name) ? new MatchAllDocsQuery() : new FieldExistsQuery(name);
        return new BooleanQuery.Builder().add(present, BooleanClause.Occur.FILTER)
                .add(q, BooleanClause.Occur.MUST_NOT).build();
    }

    /** Every event but {@code q}'s. */
    static Query not(Query q) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(q, BooleanClause.Occur.MUST_NOT).build();
    }

    private static boolean isKeyword(String name) {
        return Schema.KEYWORDS.contains(name) || name.equals(LogEvent.LOG) || name.equals(LogEvent.LOG_STREAM);
    }

}
