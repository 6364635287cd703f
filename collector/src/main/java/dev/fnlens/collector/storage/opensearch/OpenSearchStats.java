package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.LeadingStats;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.aggregate.ExactSum;
import dev.fnlens.query.aggregate.Percentile;
import dev.fnlens.query.runtime.QueryAbortedException;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code [filter ...] | stats ...} answered by OpenSearch's composite aggregation instead of
 * streaming every matching event: groups by keyword fields and {@code bin()} of the time, and —
 * when an aggregate needs values — by the one REPORT number they read, so each bucket is a
 * (group, value, how many) triple. From those the collector computes count, sum, avg, min, max,
 * pct and count_distinct exactly as the engine does ({@link ExactSum}, nearest rank), and
 * {@link LeadingStats#complete} does the rest. Only for queries whose filters translate exactly.
 */
final class OpenSearchStats {
    private static final int MAX_KEYS = 2;

    private enum Kind { ROWS, PRESENT, SUM, AVG, MIN, MAX, PCT, DISTINCT }

    private record Aggregate(Kind kind, double percent) {
    }

    private final Query query;
    private final LeadingStats stats;
    private final List<ObjectNode> keySources;
    private final List<Aggregate> aggregates;
    /** The REPORT number the aggregates read, or null when they only count events. */
    private final String field;

    private OpenSearchStats(Query query, LeadingStats stats, List<ObjectNode> keySources, List<Aggregate> aggregates,
                            String field) {
        this.query = query;
        this.stats = stats;
        this.keySources = keySources;
        this.aggregates = aggregates;
        this.field = field;
    }

    /** The plan for {@code query}, or null when its stats need the engine (expressions, other fields, ...). */
    static OpenSearchStats of(Query query) {
        LeadingStats stats = query.leadingStats().orElse(null);
        if (stats == null || stats.command().groupBy().size() > MAX_KEYS) {
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
        String field = null;
        List<Aggregate> aggregates = new ArrayList<>();
        for (Expr.Call call : stats.calls()) {
            boolean rows = call.args().isEmpty() || call.args().get(0) instanceof Expr.Star;
            if (call.function().equals("count") && rows) {
                aggregates.add(new Aggregate(Kind.ROWS, 0));
                continue;
            }
            Kind kind = switch (call.function()) {
                case "count" -> Kind.PRESENT;
                case "sum" -> Kind.SUM;
                case "avg" -> Kind.AVG;
                case "min" -> Kind.MIN;
                case "max" -> Kind.MAX;
                case "pct", "percentile" -> Kind.PCT;
                case "count_distinct" -> Kind.DISTINCT;
                default -> null;
            };
            if (kind == null || !(call.args().get(0) instanceof Expr.Field f) || !Schema.DOUBLES.contains(f.name())
                    || field != null && !field.equals(f.name())) {
                return null; // one REPORT number per query: its values are a source of the aggregation
            }
            field = f.name();
            double percent = kind == Kind.PCT ? ((Expr.NumberLiteral) call.args().get(1)).value() : 0;
            aggregates.add(new Aggregate(kind, percent));
        }
        return new OpenSearchStats(query, stats, keys, aggregates, field);
    }

    /** One group's buckets, values ascending. */
    private static final class Group {
        final Object[] keys;
        long rows;
        long present;
        double[] values = new double[8];
        long[] counts = new long[8];
        int size;

        Group(Object[] keys) {
            this.keys = keys;
        }

        void add(Double value, long count) {
            rows += count;
            if (value == null) {
                return;
            }
            present += count;
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            values[size] = value;
            counts[size++] = count;
        }

        Object result(Aggregate a) {
            if (a.kind() == Kind.ROWS) {
                return rows;
            }
            if (a.kind() == Kind.PRESENT) {
                return present;
            }
            if (a.kind() == Kind.DISTINCT) {
                long distinct = 0;
                for (int i = 0; i < size; i++) {
                    if (i == 0 || Double.compare(zero(values[i]), zero(values[i - 1])) != 0) {
                        distinct++;
                    }
                }
                return distinct;
            }
            if (size == 0) {
                return null;
            }
            return switch (a.kind()) {
                case MIN -> values[0];
                case MAX -> values[size - 1];
                case SUM, AVG -> {
                    ExactSum sum = new ExactSum();
                    for (int i = 0; i < size; i++) {
                        for (long n = counts[i]; n > 0; n--) {
                            sum.add(values[i]);
                        }
                    }
                    yield a.kind() == Kind.SUM ? sum.total() : sum.total() / sum.count();
                }
                case PCT -> {
                    long rank = Percentile.rank(a.percent(), (int) Math.min(Integer.MAX_VALUE, present));
                    long seen = 0;
                    int i = 0;
                    while (seen + counts[i] < rank) {
                        seen += counts[i++];
                    }
                    yield values[i];
                }
                default -> throw new IllegalStateException(a.kind().name());
            };
        }

        private static double zero(double v) {
            return v == 0 ? 0.0 : v;
        }
    }

    /** Runs the aggregation over {@code indices} for {@code filter} (the filters, all exact) and completes the answer. */
    QueryResult run(OpenSearchClient client, List<String> indices, ObjectNode filter, ExecutionLimits limits,
                    long deadlineNanos) throws IOException {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        long matched = 0;
        try {
            if (keySources.isEmpty() && field == null) {
                matched = count(client, indices, filter, deadlineNanos);
                groups.put(List.of(), new Group(new Object[0]));
                groups.get(List.of()).add(null, matched);
            } else {
                ArrayNode sources = OpenSearchClient.JSON.createArrayNode();
                for (int i = 0; i < keySources.size(); i++) {
                    sources.addObject().set("k" + i, keySources.get(i));
                }
                if (field != null) {
                    sources.addObject().set("v", CompositeBuckets.terms(field));
                }
                for (CompositeBuckets.Bucket bucket : new CompositeBuckets(client, indices, filter, sources,
                        deadlineNanos, limits.cancelled())) {
                    Object[] keys = new Object[keySources.size()];
                    for (int i = 0; i < keys.length; i++) {
                        JsonNode k = bucket.key().path("k" + i);
                        keys[i] = k.isNull() || k.isMissingNode() ? null : k.isNumber() ? (Object) k.asLong() : k.asText();
                    }
                    JsonNode v = bucket.key().path("v");
                    groups.computeIfAbsent(Arrays.asList(keys), k -> new Group(keys))
                            .add(field == null || v.isNull() || v.isMissingNode() ? null : v.asDouble(), bucket.count());
                    matched += bucket.count();
                }
            }
        } catch (QueryAbortedException e) {
            return aborted(e.isTimeout(), matched);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> results = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.rows == 0) {
                continue; // no event at all: as the engine, no group
            }
            keys.add(g.keys);
            Object[] r = new Object[aggregates.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = g.result(aggregates.get(i));
            }
            results.add(r);
        }
        return stats.complete(keys, results, new Statistics(matched, matched, 0), limits);
    }

    /** How many events match: a count request. */
    static long count(OpenSearchClient client, List<String> indices, ObjectNode filter, long deadlineNanos)
            throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new QueryAbortedException(true);
        }
        ObjectNode body = OpenSearchClient.JSON.createObjectNode();
        body.set("query", filter);
        try {
            return OpenSearchClient.check(client.search("/" + String.join(",", indices)
                    + "/_count?ignore_unavailable=true&allow_no_indices=true", body, Duration.ofNanos(left)),
                    "counting").json().path("count").asLong();
        } catch (HttpTimeoutException e) {
            throw new QueryAbortedException(true);
        }
    }

    private QueryResult aborted(boolean timeout, long matched) {
        return new QueryResult(timeout ? QueryStatus.Timeout : QueryStatus.Cancelled,
                query.columns(), List.of(), new Statistics(matched, matched, 0));
    }
}
