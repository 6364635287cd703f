package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.FieldSource;
import dev.fnlens.query.LeadingStats;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Any {@code [filter ...] | stats ...} whose filters translate exactly and that reads only typed
 * fields (keywords, REPORT numbers, {@code @timestamp} through {@code bin()} alone), with aggregates
 * that do not depend on the order of events: OpenSearch groups the matching events by every
 * field the query reads (a composite aggregation), and the engine runs the query over one
 * stand-in event per distinct combination, repeated as often as it occurs. Expressions
 * ({@code sum(ispresent(@initDuration)) / count(*)}, {@code sum(@billedDuration * @memorySize)})
 * are the engine's own, so the answer is the same as over the events themselves; what travels is
 * one bucket per combination instead of every event with its message.
 */
final class BucketReplay {
    /** Aggregates whose result does not depend on the order events arrive in. */
    private static final Set<String> ORDER_FREE = Set.of("count", "sum", "avg", "min", "max", "pct", "percentile",
            "count_distinct");

    private final Query query;
    private final List<String> fields;
    private final ArrayNode sources;

    private BucketReplay(Query query, List<String> fields, ArrayNode sources) {
        this.query = query;
        this.fields = fields;
        this.sources = sources;
    }

    /** The plan for {@code query}, or null when it needs the events themselves. */
    static BucketReplay of(Query query) {
        LeadingStats stats = query.leadingStats().orElse(null);
        if (stats == null || stats.calls().stream().anyMatch(c -> !ORDER_FREE.contains(c.function()))) {
            return null;
        }
        Long period = null;
        for (Projection p : stats.command().groupBy()) {
            Long bin = binPeriod(p.expr());
            if (bin != null) {
                if (period != null && !period.equals(bin)) {
                    return null;
                }
                period = bin;
            } else if (mentionsTime(p.expr())) {
                return null;
            }
        }
        for (Expr e : query.pushdownFilters()) {
            if (mentionsTime(e)) {
                return null;
            }
        }
        for (Projection p : stats.command().aggregates()) {
            if (mentionsTime(p.expr())) {
                return null;
            }
        }
        List<String> fields = new ArrayList<>();
        ArrayNode sources = OpenSearchClient.JSON.createArrayNode();
        for (String field : query.referencedFields()) {
            if (field.equals(LogEvent.TIMESTAMP)) {
                if (period == null) {
                    return null;
                }
                sources.addObject().set(field, CompositeBuckets.bins(field, period));
            } else if (Schema.KEYWORDS.contains(field) || field.equals(LogEvent.REQUEST_ID)
                    || Schema.DOUBLES.contains(field)) {
                sources.addObject().set(field, CompositeBuckets.terms(field));
            } else {
                return null; // the message, a JSON field, @ingestionTime: only the events have them
            }
            fields.add(field);
        }
        if (sources.isEmpty()) {
            return null; // stats count() alone: OpenSearchStats counts
        }
        return new BucketReplay(query, fields, sources);
    }

    QueryResult run(OpenSearchClient client, List<String> indices, ObjectNode filter,
                    ExecutionLimits limits, long deadlineNanos) {
        CompositeBuckets buckets = new CompositeBuckets(client, indices, filter, sources, deadlineNanos,
                limits.cancelled());
        return query.execute(() -> replay(buckets.iterator()), limits);
    }

    /** Each bucket as its count of identical stand-in events. */
    private Iterator<FieldSource> replay(Iterator<CompositeBuckets.Bucket> buckets) {
        return new Iterator<>() {
            private final Map<String, Object> values = new HashMap<>();
            private final FieldSource event = values::get;
            private long left;

            @Override
            public boolean hasNext() {
                while (left == 0 && buckets.hasNext()) {
                    CompositeBuckets.Bucket bucket = buckets.next();
                    values.clear();
                    for (String field : fields) {
                        JsonNode v = bucket.key().path(field);
                        if (!v.isNull() && !v.isMissingNode()) {
                            values.put(field, v.isTextual() ? v.asText()
                                    : field.equals(LogEvent.TIMESTAMP) ? (Object) v.asLong() : (Object) v.asDouble());
                        }
                    }
                    left = bucket.count();
                }
                return left > 0;
            }

            @Override
            public FieldSource next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return event;
            }
        };
    }

    private static Long binPeriod(Expr e) {
        if (e instanceof Expr.Call c && c.function().equals("bin") && c.args().size() == 1
                && c.args().get(0) instanceof Expr.DurationLiteral d && d.millis() > 0) {
            return d.millis();
        }
        if (e instanceof Expr.Call c && c.function().equals("datefloor") && c.args().size() == 2
                && c.args().get(0) instanceof Expr.Field f && f.name().equals(LogEvent.TIMESTAMP)
                && c.args().get(1) instanceof Expr.DurationLiteral d && d.millis() > 0) {
            return d.millis();
        }
        return null;
    }

    /** Whether {@code e} reads the time other than through a bin (which the stand-ins' time answers alike). */
    private static boolean mentionsTime(Expr e) {
        if (e instanceof Expr.Field f) {
            return f.name().equals(LogEvent.TIMESTAMP);
        }
        if (e instanceof Expr.Call c) {
            return c.function().equals("bin") || c.function().equals("datefloor")
                    || c.args().stream().anyMatch(BucketReplay::mentionsTime);
        }
        if (e instanceof Expr.Unary u) {
            return mentionsTime(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return mentionsTime(b.left()) || mentionsTime(b.right());
        }
        if (e instanceof Expr.In in) {
            return mentionsTime(in.value()) || in.candidates().stream().anyMatch(BucketReplay::mentionsTime);
        }
        return e instanceof Expr.Match m && (mentionsTime(m.value()) || mentionsTime(m.pattern()));
    }
}
