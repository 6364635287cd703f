package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.Conditions;
import dev.fnlens.collector.query.MessageTokens;
import dev.fnlens.collector.query.RegexLiterals;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.UnaryOp;
import dev.fnlens.query.runtime.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The leading {@code filter} conditions of an Insights query as OpenSearch query DSL, so that
 * only candidate events travel to the collector. As for the embedded store, the engine applies
 * every filter again, so a translation may match more than the condition but never less: each
 * part is translated exactly, more loosely, or not at all ({@code and} keeps the parts it can;
 * {@code or} needs both sides, {@code not} an exact one).
 */
final class OpenSearchPushdown {
    private static final Set<String> ALWAYS = Set.of(LogEvent.TIMESTAMP, LogEvent.INGESTION_TIME, LogEvent.MESSAGE,
            LogEvent.LOG, LogEvent.LOG_STREAM);

    record Translated(ObjectNode query, boolean exact) {
    }

    private OpenSearchPushdown() {
    }

    /** All conditions as one DSL query, or null when none narrows anything. */
    static ObjectNode of(List<Expr> conditions) {
        List<ObjectNode> parts = new ArrayList<>();
        for (Expr condition : conditions) {
            Translated t = translate(condition);
            if (t != null) {
                parts.add(t.query());
            }
        }
        return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : bool("filter", parts);
    }

    /** Whether {@link #of} matches exactly the events every condition holds for. */
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
            Translated l = translate(b.left());
            Translated r = translate(b.right());
            if (b.op() == BinaryOp.AND) {
                if (l == null || r == null) {
                    Translated one = l != null ? l : r;
                    return one == null ? null : new Translated(one.query(), false);
                }
                return new Translated(bool("filter", List.of(l.query(), r.query())), l.exact() && r.exact());
            }
            if (l == null || r == null) {
                return null;
            }
            ObjectNode either = bool("should", List.of(l.query(), r.query()));
            ((ObjectNode) either.get("bool")).put("minimum_should_match", 1);
            return new Translated(either, l.exact() && r.exact());
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
            Translated inner = translate(u.operand());
            return inner == null || !inner.exact() ? null : new Translated(not(inner.query()), true);
        }
        if (e instanceof Expr.Binary b && b.op().isComparison()) {
            return comparison(b);
        }
        if (e instanceof Expr.In in && in.value() instanceof Expr.Field f) {
            return in(f.name(), in.candidates(), in.negated());
        }
        if (e instanceof Expr.Match m && m.value() instanceof Expr.Field f && !m.negated()) {
            return match(f.name(), m.pattern());
        }
        if (e instanceof Expr.Call c && c.function().equalsIgnoreCase("ispresent") && c.args().size() == 1
                && c.args().get(0) instanceof Expr.Field f) {
            if (ALWAYS.contains(f.name())) {
                return new Translated(matchAll(), true);
            }
            return isKeyword(f.name()) || Schema.DOUBLES.contains(f.name()) ? new Translated(exists(f.name()), true) : null;
        }
        return null;
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
        if (!(literal instanceof Expr.StringLiteral s)) {
            return null;
        }
        String value = s.value();
        if (name.equals(LogEvent.MESSAGE)) {
            return op == BinaryOp.EQ ? loose(containing(value)) : null;
        }
        ObjectNode exactly;
        boolean exact = true;
        if (isKeyword(name) && value.length() <= EventDocuments.MAX_KEYWORD_CHARS) {
            exactly = term(name, value);
        } else if (Schema.isDiscovered(name) && !Values.looksNumeric(value) && value.length() <= 256) {
            exactly = term(EventDocuments.JSON_TERMS, Schema.jsonTerm(name, value));
            exact = false;
        } else {
            return null;
        }
        if (op == BinaryOp.EQ) {
            return new Translated(exactly, exact);
        }
        return op == BinaryOp.NE && exact ? new Translated(presentAndNot(name, exactly), true) : null;
    }

    private static Translated numeric(String name, BinaryOp op, double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        ObjectNode range = OpenSearchClient.JSON.createObjectNode();
        ObjectNode bounds = range.putObject("range").putObject(name);
        if (Schema.LONGS.contains(name)) { // epoch milliseconds: whole bounds, as the embedded store does
            if (Math.abs(v) > 1L << 52) {
                return null;
            }
            switch (op) {
                case EQ, NE -> {
                    if (v != Math.rint(v)) {
                        return new Translated(op == BinaryOp.EQ ? matchNone() : matchAll(), true);
                    }
                    bounds.put("gte", (long) v).put("lte", (long) v);
                }
                case LT -> bounds.put("lte", (long) Math.ceil(v) - 1);
                case LE -> bounds.put("lte", (long) Math.floor(v));
                case GT -> bounds.put("gte", (long) Math.floor(v) + 1);
                case GE -> bounds.put("gte", (long) Math.ceil(v));
                default -> {
                    return null;
                }
            }
        } else {
            switch (op) {
                case EQ, NE -> bounds.put("gte", v).put("lte", v);
                case LT -> bounds.put("lt", v);
                case LE -> bounds.put("lte", v);
                case GT -> bounds.put("gt", v);
                case GE -> bounds.put("gte", v);
                default -> {
                    return null;
                }
            }
        }
        return new Translated(op == BinaryOp.NE ? presentAndNot(name, range) : range, true);
    }

    private static Translated in(String name, List<Expr> candidates, boolean negated) {
        if (candidates.isEmpty()) {
            return null;
        }
        Translated any;
        if (Schema.DOUBLES.contains(name) || Schema.LONGS.contains(name)) {
            List<ObjectNode> each = new ArrayList<>();
            for (Expr c : candidates) {
                Double v = Conditions.number(c);
                Translated one = v == null ? null : numeric(name, BinaryOp.EQ, v);
                if (one == null) {
                    return null;
                }
                each.add(one.query());
            }
            ObjectNode either = bool("should", each);
            ((ObjectNode) either.get("bool")).put("minimum_should_match", 1);
            any = new Translated(either, true);
        } else {
            List<String> values = new ArrayList<>();
            for (Expr c : candidates) {
                if (!(c instanceof Expr.StringLiteral s)) {
                    return null;
                }
                values.add(s.value());
            }
            if (isKeyword(name) && values.stream().allMatch(v -> v.length() <= EventDocuments.MAX_KEYWORD_CHARS)) {
                any = new Translated(terms(name, values), true);
            } else if (Schema.isDiscovered(name) && values.stream().noneMatch(v -> Values.looksNumeric(v) || v.length() > 256)) {
                any = new Translated(terms(EventDocuments.JSON_TERMS,
                        values.stream().map(v -> Schema.jsonTerm(name, v)).toList()), false);
            } else {
                return null;
            }
        }
        if (!negated) {
            return any;
        }
        return any.exact() ? new Translated(presentAndNot(name, any.query()), true) : null;
    }

    private static Translated match(String name, Expr pattern) {
        if (pattern instanceof Expr.StringLiteral s) {
            if (name.equals(LogEvent.MESSAGE)) {
                return loose(containing(s.value()));
            }
            return isKeyword(name) ? new Translated(wildcard(name, "*" + Conditions.escapeWildcard(s.value()) + "*"), false) : null;
        }
        String regex = ((Expr.RegexLiteral) pattern).pattern();
        List<String> branches = name.equals(LogEvent.MESSAGE) ? RegexLiterals.alternatives(regex) : List.of(regex);
        if (branches.size() == 1) {
            return regexLiterals(name, regex);
        }
        List<ObjectNode> any = new ArrayList<>(); // /ERROR|WARN/: a message with the texts of one branch
        for (String branch : branches) {
            Translated one = regexLiterals(name, branch);
            if (one == null) {
                return null;
            }
            any.add(one.query());
        }
        ObjectNode either = bool("should", any);
        ((ObjectNode) either.get("bool")).put("minimum_should_match", 1);
        return new Translated(either, false);
    }

    /** The events that have every text the regex requires; null when it requires none this store can find. */
    private static Translated regexLiterals(String name, String regex) {
        boolean caseless = Conditions.caseless(regex);
        List<ObjectNode> all = new ArrayList<>();
        for (String literal : RegexLiterals.required(regex)) {
            ObjectNode q = name.equals(LogEvent.MESSAGE) ? containing(literal)
                    : isKeyword(name) && !caseless ? wildcard(name, "*" + Conditions.escapeWildcard(literal) + "*") : null;
            if (q != null) {
                all.add(q);
            }
        }
        return all.isEmpty() ? null : new Translated(all.size() == 1 ? all.get(0) : bool("filter", all), false);
    }

    /**
     * At least every message containing {@code text}: its whole tokens as a phrase (or a term),
     * else a token cut by the text's edge as a prefix or infix of a term; null when nothing is certain.
     */
    static ObjectNode containing(String text) {
        List<MessageTokens.Token> tokens = MessageTokens.of(text);
        if (tokens == null) {
            return null;
        }
        List<String> whole = new ArrayList<>();
        String prefix = null;
        String infix = null;
        for (MessageTokens.Token t : tokens) {
            if (t.whole()) {
                whole.add(t.text());
            } else if (!t.leftCut()) {
                prefix = t.text();
            } else if (infix == null) {
                infix = "*" + Conditions.escapeWildcard(t.text()) + (t.rightCut() ? "*" : "");
            }
        }
        if (whole.size() == 1) {
            return term(EventDocuments.TOKENS, whole.get(0));
        }
        if (!whole.isEmpty()) {
            ObjectNode phrase = OpenSearchClient.JSON.createObjectNode();
            phrase.putObject("match_phrase").putObject(EventDocuments.TOKENS).put("query", String.join(" ", whole));
            return phrase;
        }
        if (prefix != null) {
            ObjectNode q = OpenSearchClient.JSON.createObjectNode();
            q.putObject("prefix").putObject(EventDocuments.TOKENS).put("value", prefix);
            return q;
        }
        return infix == null ? null : wildcard(EventDocuments.TOKENS, infix);
    }

    static ObjectNode term(String field, String value) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        q.putObject("term").putObject(field).put("value", value);
        return q;
    }

    static ObjectNode terms(String field, List<String> values) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        ArrayNode list = q.putObject("terms").putArray(field);
        values.forEach(list::add);
        return q;
    }

    static ObjectNode bool(String occur, List<ObjectNode> clauses) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        ArrayNode list = q.putObject("bool").putArray(occur);
        clauses.forEach(list::add);
        return q;
    }

    static ObjectNode matchAll() {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        q.putObject("match_all");
        return q;
    }

    private static ObjectNode matchNone() {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        q.putObject("match_none");
        return q;
    }

    private static ObjectNode exists(String field) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        q.putObject("exists").put("field", field);
        return q;
    }

    private static ObjectNode wildcard(String field, String pattern) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        q.putObject("wildcard").putObject(field).put("value", pattern);
        return q;
    }

    private static ObjectNode presentAndNot(String name, ObjectNode q) {
        ObjectNode both = OpenSearchClient.JSON.createObjectNode();
        ObjectNode bool = both.putObject("bool");
        bool.putArray("filter").add(ALWAYS.contains(name) ? matchAll() : exists(name));
        bool.putArray("must_not").add(q);
        return both;
    }

    private static ObjectNode not(ObjectNode q) {
        ObjectNode both = OpenSearchClient.JSON.createObjectNode();
        ObjectNode bool = both.putObject("bool");
        bool.putArray("filter").add(matchAll());
        bool.putArray("must_not").add(q);
        return both;
    }

    private static Translated loose(ObjectNode q) {
        return q == null ? null : new Translated(q, false);
    }

    private static boolean isKeyword(String name) {
        return Schema.KEYWORDS.contains(name) || Ids.FIELDS.contains(name);
    }
}
