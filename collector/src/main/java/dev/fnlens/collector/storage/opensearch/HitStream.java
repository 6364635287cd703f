package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The events matching a query in a given order — by default oldest first, same millisecond in
 * ingest order, as the engine reads them — page by page with {@code search_after} ({@link Pages}:
 * the query engine pulls them as it goes, so memory holds one page whatever the range).
 */
final class HitStream implements Iterable<LogEvent> {
    static final int PAGE = 5000;
    /** Ingest order: time, then where in which collector's write-ahead log. */
    private static final List<String> INGEST_ORDER = List.of(LogEvent.TIMESTAMP, EventDocuments.COLLECTOR,
            EventDocuments.SEQ, EventDocuments.IDX);

    /** One event and its sort values (the order's fields, in order). */
    record Hit(LogEvent event, JsonNode sort) {
    }

    private final OpenSearchClient client;
    private final String path;
    private final ObjectNode query;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    private final ArrayNode order;
    private final int page;

    /**
     * @param indices the day indices to read, none missing
     * @param order   the {@code sort} of the search, e.g. {@link #ingestOrder}
     * @param page    hits per request
     */
    HitStream(OpenSearchClient client, List<String> indices, ObjectNode query, long deadlineNanos,
              BooleanSupplier cancelled, ArrayNode order, int page) {
        this.client = client;
        this.path = "/" + String.join(",", indices) + "/_search?ignore_unavailable=true&allow_no_indices=true";
        this.query = query;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
        this.order = order;
        this.page = page;
    }

    /** Oldest first, or with {@code reverse} newest first (same millisecond in reverse ingest order). */
    static ArrayNode ingestOrder(boolean reverse) {
        ArrayNode sort = OpenSearchClient.JSON.createArrayNode();
        INGEST_ORDER.forEach(field -> sort.addObject().put(field, reverse ? "desc" : "asc"));
        return sort;
    }

    /** By {@code field} (events without it last), then in ingest order. */
    static ArrayNode byField(String field, boolean descending) {
        ArrayNode sort = OpenSearchClient.JSON.createArrayNode();
        sort.addObject().putObject(field).put("order", descending ? "desc" : "asc").put("missing", "_last");
        sort.addAll(ingestOrder(false));
        return sort;
    }

    /** The request body for up to {@code size} hits after {@code after} (null: from the start). */
    ObjectNode body(int size, JsonNode after) {
        ObjectNode body = OpenSearchClient.JSON.createObjectNode();
        body.put("size", size);
        body.set("query", query);
        body.set("sort", order);
        ArrayNode source = body.putArray("_source");
        EventDocuments.SOURCE_FIELDS.forEach(source::add);
        body.put("track_total_hits", false);
        if (after != null) {
            body.set("search_after", after);
        }
        return body;
    }

    @Override
    public Iterator<LogEvent> iterator() {
        Iterator<Hit> hits = hits().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return hits.hasNext();
            }

            @Override
            public LogEvent next() {
                return hits.next().event();
            }
        };
    }

    /** The hits with their sort values. */
    Iterable<Hit> hits() {
        return () -> new Pages<>(deadlineNanos, cancelled) {
            private JsonNode after;

            @Override
            boolean readPage(Duration left, Deque<Hit> into) throws IOException {
                JsonNode hits = OpenSearchClient.check(client.search(path, body(page, after), left), "searching")
                        .json().path("hits").path("hits");
                for (JsonNode hit : hits) {
                    after = hit.path("sort");
                    into.add(new Hit(EventDocuments.event(hit.path("_source")), after));
                }
                return hits.size() < page;
            }
        };
    }
}
