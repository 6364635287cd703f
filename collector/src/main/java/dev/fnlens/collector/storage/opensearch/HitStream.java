package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * The events matching a query, oldest first (same millisecond in ingest order), read page by
 * page with {@code search_after}: the query engine pulls them as it goes, so memory holds one
 * page whatever the range. Stops at the deadline or on cancellation by throwing
 * {@link QueryAbortedException}, which the engine answers as Timeout or Cancelled; a failed
 * request throws {@link UncheckedIOException}.
 */
final class HitStream implements Iterable<LogEvent> {
    static final int PAGE = 5000;
    private static final List<String> ORDER = List.of(LogEvent.TIMESTAMP, EventDocuments.COLLECTOR,
            EventDocuments.SEQ, EventDocuments.IDX);

    private final OpenSearchClient client;
    private final String path;
    private final ObjectNode query;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    private final boolean newestFirst;

    /**
     * @param indices     the day indices to read, none missing
     * @param newestFirst the reverse order (newest first, same millisecond in reverse ingest order)
     */
    HitStream(OpenSearchClient client, List<String> indices, ObjectNode query, long deadlineNanos,
              BooleanSupplier cancelled, boolean newestFirst) {
        this.client = client;
        this.path = "/" + String.join(",", indices) + "/_search?ignore_unavailable=true&allow_no_indices=true";
        this.query = query;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
        this.newestFirst = newestFirst;
    }

    /** The first page's request body for up to {@code size} hits after {@code after} (null: from the start). */
    ObjectNode body(int size, JsonNode after) {
        ObjectNode body = OpenSearchClient.JSON.createObjectNode();
        body.put("size", size);
        body.set("query", query);
        ArrayNode sort = body.putArray("sort");
        for (String field : ORDER) {
            sort.addObject().put(field, newestFirst ? "desc" : "asc");
        }
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
        return new Iterator<>() {
            private final Deque<LogEvent> page = new ArrayDeque<>();
            private JsonNode after;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (page.isEmpty() && !done) {
                    fetch();
                }
                return !page.isEmpty();
            }

            @Override
            public LogEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.poll();
            }

            private void fetch() {
                if (cancelled.getAsBoolean()) {
                    throw new QueryAbortedException(false);
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new QueryAbortedException(true);
                }
                try {
                    OpenSearchClient.Response response = OpenSearchClient.check(client.json("POST", path,
                            body(PAGE, after), Duration.ofNanos(left)), "searching");
                    JsonNode hits = response.json().path("hits").path("hits");
                    for (JsonNode hit : hits) {
                        page.add(EventDocuments.event(hit.path("_source")));
                        after = hit.path("sort");
                    }
                    done = hits.size() < PAGE;
                } catch (HttpTimeoutException e) {
                    throw new QueryAbortedException(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
