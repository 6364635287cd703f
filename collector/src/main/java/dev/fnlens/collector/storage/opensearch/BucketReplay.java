package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.LeadingStats;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.aggregate.Accumulator;
import dev.fnlens.query.aggregate.Aggregates;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.ExprCompiler;
import dev.fnlens.query.eval.Row;
import dev.fnlens.query.eval.Scope;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import dev.fnlens.query.runtime.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Any {@code [filter ...] | stats ... by <keywords, bin()>} whose filters translate exactly and whose
 * aggregates read only REPORT numbers and keywords — expressions included
 * ({@code sum(ispresent(@initDuration)) / count(*)}, {@code sum(@billedDuration * @memorySize)}) — with
 * aggregates that do not depend on the order of events. The aggregates are grouped by the fields
 * they read; for each such set OpenSearch's composite aggregation hands over every distinct
 * combination of the group keys and those fields with how many events have it, and the
 * engine's own accumulators take each combination with its count ({@link Accumulator#add(Object, long, long)}).
 * So the answer is the engine's, while what travels is one bucket per distinct combination — per
 * set, so that {@code pct(@duration, 99)} and {@code max(@maxMemoryUsed)} do not multiply each
 * other's buckets. Aggregates that only count events with no group key ask for a count.
 */
final class BucketReplay {
    /** Aggregates whose result does not depend on the order events arrive in. */
    private static final Set<String> ORDER_FREE = Set.of("count", "sum", "avg", "min", "max", "pct", "percentile",
            "count_distinct");

    /** One distinct aggregate call: its argument over a set's fields (null: counts events) and accumulators. */
    private record Call(Expr.Call call, Expr argument, Supplier<Accumulator> accumulators) {
        /** Whether the engine must compute its argument, rather than take a field as it is. */
        boolean computes() {
            return argument != null && !(argument instanceof Expr.Field);
        }
    }

    private final LeadingStats stats;
    private final Query query;
    private final List<ObjectNode> keySources;
    private final List<Call> calls;
    /** The fields each group of calls reads (beyond the keys), and which calls they are. */
    private final Map<List<String>, List<Integer>> fieldSets;

    private BucketReplay(Query query, LeadingStats stats, List<ObjectNode> keySources, List<Call> calls,
                         Map<List<String>, List<Integer>> fieldSets) {
        this.query = query;
        this.stats = stats;
        this.keySources = keySources;
        this.calls = calls;
        this.fieldSets = fieldSets;
    }

    /** The plan for {@code query}, or null when it needs the events themselves. */
    static BucketReplay of(Query query) {
        LeadingStats stats = query.leadingStats().orElse(null);
        if (stats == null) {
            return null;
        }
        List<ObjectNode> keys = new ArrayList<>();
        for (Projection p : stats.command().groupBy()) {
            ObjectNode source = CompositeBuckets.groupKey(p.expr());
            if (source == null) {
                return null;
            }
            keys.add(source);
        }
        List<Call> calls = new ArrayList<>();
        Map<List<String>, List<Integer>> fieldSets = new LinkedHashMap<>();
        for (Expr.Call call : stats.calls()) {
            boolean rows = call.args().isEmpty() || call.args().get(0) instanceof Expr.Star;
            Set<String> fields = new LinkedHashSet<>();
            if (!ORDER_FREE.contains(call.function()) || !rows && !typedFields(call.args().get(0), fields)) {
                return null; // the message, JSON fields, the time itself: only the events have them
            }
            double percent = call.args().size() > 1 ? ((Expr.NumberLiteral) call.args().get(1)).value() : 0;
            calls.add(new Call(call, rows ? null : call.args().get(0), Aggregates.factory(call.function(), rows, percent)));
            fieldSets.computeIfAbsent(fields.stream().sorted().toList(), f -> new ArrayList<>()).add(calls.size() - 1);
        }
        return new BucketReplay(query, stats, keys, calls, fieldSets);
    }

    /** Whether any aggregate computes an expression (the engine's compiler at work), not only reads fields. */
    boolean computes() {
        return calls.stream().anyMatch(Call::computes);
    }

    QueryResult run(OpenSearchClient client, List<String> indices, ObjectNode filter, ExecutionLimits limits,
                    long deadlineNanos) throws IOException {
        Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
        long matched = 0;
        try {
            for (Map.Entry<List<String>, List<Integer>> set : fieldSets.entrySet()) {
                matched = keySources.isEmpty() && set.getKey().isEmpty()
                        ? counted(client.count(indices, filter, deadlineNanos), set.getValue(), groups)
                        : replay(client, indices, filter, limits, deadlineNanos, set.getKey(), set.getValue(), groups);
            }
        } catch (QueryAbortedException e) {
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(),
                    List.of(), new Statistics(matched, matched, 0));
        }
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> results = new ArrayList<>();
        groups.forEach((key, accumulators) -> {
            keys.add(key.toArray());
            results.add(Arrays.stream(accumulators).map(Accumulator::result).toArray());
        });
        return stats.complete(keys, results, new Statistics(matched, matched, 0), limits);
    }

    /** Calls that only count events, with no group key: one count request, the one group (when any event). */
    private long counted(long events, List<Integer> callIndices, Map<List<Object>, Accumulator[]> groups) {
        if (events > 0) {
            Accumulator[] accumulators = groups.computeIfAbsent(List.of(), k -> newAccumulators());
            callIndices.forEach(i -> accumulators[i].add(Boolean.TRUE, 0, events));
        }
        return events;
    }

    /** One set of fields: its buckets into the accumulators of its calls; answers the events counted. */
    private long replay(OpenSearchClient client, List<String> indices, ObjectNode filter, ExecutionLimits limits,
                        long deadlineNanos, List<String> fields, List<Integer> callIndices,
                        Map<List<Object>, Accumulator[]> groups) {
        ArrayNode sources = OpenSearchClient.JSON.createArrayNode();
        for (int i = 0; i < keySources.size(); i++) {
            sources.addObject().set("k" + i, keySources.get(i));
        }
        fields.forEach(f -> sources.addObject().set(f, CompositeBuckets.terms(f)));
        SlotRow row = new SlotRow(fields);
        // the same time limit inside an expression (a regex over a long keyword) as between the pages of buckets
        ExprCompiler compiler = new ExprCompiler(row, Deadline.at(deadlineNanos, limits.cancelled()));
        Eval[] arguments = new Eval[callIndices.size()];
        for (int i = 0; i < arguments.length; i++) {
            Expr argument = calls.get(callIndices.get(i)).argument();
            arguments[i] = argument == null ? null : compiler.compile(argument);
        }
        long matched = 0;
        for (CompositeBuckets.Bucket bucket : new CompositeBuckets(client, indices, filter, sources, deadlineNanos,
                limits.cancelled())) {
            Object[] key = new Object[keySources.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = value(bucket.key().path("k" + i));
            }
            for (int i = 0; i < fields.size(); i++) {
                row.set(i, Values.normalize(value(bucket.key().path(fields.get(i)))));
            }
            Accumulator[] accumulators = groups.computeIfAbsent(Arrays.asList(key), k -> newAccumulators());
            for (int i = 0; i < arguments.length; i++) {
                Object v = arguments[i] == null ? Boolean.TRUE : arguments[i].eval(row);
                accumulators[callIndices.get(i)].add(v, 0, bucket.count());
            }
            matched += bucket.count();
        }
        return matched;
    }

    private Accumulator[] newAccumulators() {
        return calls.stream().map(c -> c.accumulators().get()).toArray(Accumulator[]::new);
    }

    private static Object value(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isTextual() ? v.asText() : v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble();
    }

    /** Gathers the fields {@code e} reads; false when one is not a REPORT number or keyword, or it reads the time. */
    private static boolean typedFields(Expr e, Set<String> into) {
        if (e instanceof Expr.Field f) {
            into.add(f.name());
            return Schema.DOUBLES.contains(f.name()) || Schema.KEYWORDS.contains(f.name())
                    || Ids.FIELDS.contains(f.name());
        }
        if (e instanceof Expr.Call c) {
            return !c.function().equals("bin") && !c.function().equals("datefloor")
                    && c.args().stream().allMatch(a -> typedFields(a, into));
        }
        if (e instanceof Expr.Unary u) {
            return typedFields(u.operand(), into);
        }
        if (e instanceof Expr.Binary b) {
            return typedFields(b.left(), into) && typedFields(b.right(), into);
        }
        if (e instanceof Expr.In in) {
            return typedFields(in.value(), into) && in.candidates().stream().allMatch(c -> typedFields(c, into));
        }
        if (e instanceof Expr.Match m) {
            return typedFields(m.value(), into) && typedFields(m.pattern(), into);
        }
        return true; // a literal
    }

    /** The values of one bucket's fields, by slot, for the compiled arguments. */
    private static final class SlotRow extends Row implements Scope {
        private final List<String> fields;
        private final Object[] values;

        SlotRow(List<String> fields) {
            this.fields = fields;
            this.values = new Object[fields.size()];
        }

        @Override
        public int read(String field) {
            int slot = fields.indexOf(field);
            if (slot < 0) {
                throw new IllegalStateException(field + " is not among " + fields);
            }
            return slot;
        }

        @Override
        public boolean isTime(String field) {
            return false;
        }

        @Override
        public Object get(int slot) {
            return values[slot];
        }

        @Override
        public void set(int slot, Object value) {
            values[slot] = value;
        }
    }
}
