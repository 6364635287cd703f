package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ast.Expr;
import java.io.IOException;
import java.time.Duration;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Every bucket of a composite aggregation over the matching events — each distinct combination
 * of its sources' values (a missing value is a bucket of its own) with how many events have it —
 * read page by page with {@code after} ({@link Pages}).
 */
final class CompositeBuckets implements Iterable<CompositeBuckets.Bucket> {
    static final int PAGE = 10_000;

    /** One combination: {@code key} holds each source's value by name (null when missing). */
    record Bucket(JsonNode key, long count) {
    }

    private final OpenSearchClient client;
    private final String path;
    private final ObjectNode query;
    private final ArrayNode sources;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;

    /** @param sources the composite sources, each {@code {"name": {"terms" | "date_histogram": ...}}} */
    CompositeBuckets(OpenSearchClient client, List<String> indices, ObjectNode query, ArrayNode sources,
                     long deadlineNanos, BooleanSupplier cancelled) {
        this.client = client;
        this.path = "/" + String.join(",", indices) + "/_search?ignore_unavailable=true&allow_no_indices=true";
        this.query = query;
        this.sources = sources;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
    }

    /** A {@code terms} source over {@code field}, missing values as a bucket of their own. */
    static ObjectNode terms(String field) {
        ObjectNode source = OpenSearchClient.JSON.createObjectNode();
        source.putObject("terms").put("field", field).put("missing_bucket", true);
        return source;
    }

    /** A source of {@code field}'s time floored to {@code periodMillis}, as {@code bin()} does. */
    static ObjectNode bins(String field, long periodMillis) {
        ObjectNode source = OpenSearchClient.JSON.createObjectNode();
        source.putObject("date_histogram").put("field", field).put("fixed_interval", periodMillis + "ms");
        return source;
    }

    /** The source of a group key OpenSearch can make: a keyword field, or {@code bin()} of the time; else null. */
    static ObjectNode groupKey(Expr e) {
        if (e instanceof Expr.Field f && (Schema.KEYWORDS.contains(f.name()) || Ids.FIELDS.contains(f.name()))) {
            return terms(f.name());
        }
        Long period = null;
        if (e instanceof Expr.Call c && c.function().equals("bin") && c.args().size() == 1
                && c.args().get(0) instanceof Expr.DurationLiteral d) {
            period = d.millis();
        } else if (e instanceof Expr.Call c && c.function().equals("datefloor") && c.args().size() == 2
                && c.args().get(0) instanceof Expr.Field f && f.name().equals(LogEvent.TIMESTAMP)
                && c.args().get(1) instanceof Expr.DurationLiteral d) {
            period = d.millis();
        }
        return period == null || period <= 0 ? null : bins(LogEvent.TIMESTAMP, period);
    }

    @Override
    public Iterator<Bucket> iterator() {
        return new Pages<>(deadlineNanos, cancelled) {
            private JsonNode after;

            @Override
            boolean readPage(Duration left, Deque<Bucket> into) throws IOException {
                ObjectNode body = OpenSearchClient.JSON.createObjectNode();
                body.put("size", 0);
                body.set("query", query);
                body.put("track_total_hits", false);
                ObjectNode composite = body.putObject("aggs").putObject("buckets").putObject("composite");
                composite.put("size", PAGE);
                composite.set("sources", sources);
                if (after != null) {
                    composite.set("after", after);
                }
                JsonNode agg = OpenSearchClient.check(client.search(path, body, left), "aggregating").json()
                        .path("aggregations").path("buckets");
                for (JsonNode bucket : agg.path("buckets")) {
                    into.add(new Bucket(bucket.path("key"), bucket.path("doc_count").asLong()));
                }
                after = agg.path("after_key");
                return agg.path("buckets").size() < PAGE || after.isMissingNode();
            }
        };
    }
}
