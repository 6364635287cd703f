package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryAnswer;
import dev.fnlens.collector.query.QueryBackend;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Insights queries over OpenSearch: the time range, log groups and leading filters become one
 * OpenSearch query ({@link OpenSearchPushdown}) over the day indices the range covers, and the
 * matching events stream, in time order, through the same query engine as the embedded store's
 * — so every command, function and aggregate gives the same answer — under the same time limit.
 * A {@code stats} over exactly translated filters is aggregated in OpenSearch ({@link OpenSearchStats}, else
 * {@link BucketReplay}); a query that needs only its first or last events reads only those ({@link Window}).
 */
final class OpenSearchQueries implements QueryBackend {
    private final OpenSearchClient client;
    private final DayIndices days;
    private final AtomicLong partitionsOpened = new AtomicLong();
    private final boolean aggregations;
    private final AtomicLong aggregated = new AtomicLong();
    private final AtomicLong windowed = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();

    /** @param aggregations whether {@code stats} may be answered by OpenSearch's aggregations ({@link OpenSearchStats}) */
    OpenSearchQueries(OpenSearchClient client, DayIndices days, boolean aggregations) {
        this.client = client;
        this.days = days;
        this.aggregations = aggregations;
    }

    @Override
    public QueryAnswer run(Query query, long fromMillis, long toMillis, List<String> logGroups, ExecutionLimits limits)
            throws IOException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        List<String> indices = days.covering(fromMillis, toMillis);
        if (indices.isEmpty()) {
            return new QueryAnswer(query.execute(List.of(), limits), 0);
        }
        partitionsOpened.addAndGet(indices.size());
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(timeRange(fromMillis, toMillis));
        if (!logGroups.isEmpty()) {
            filters.add(OpenSearchPushdown.terms(LogEvent.LOG, logGroups));
        }
        ObjectNode pushed = OpenSearchPushdown.of(query.pushdownFilters());
        if (pushed != null) {
            filters.add(pushed);
        }
        ObjectNode filter = OpenSearchPushdown.bool("filter", filters);
        boolean exact = OpenSearchPushdown.exact(query.pushdownFilters());
        OpenSearchStats stats = aggregations && exact ? OpenSearchStats.of(query) : null;
        if (stats != null) {
            aggregated.incrementAndGet();
            return new QueryAnswer(stats.run(client, indices, filter, limits, deadline), indices.size());
        }
        BucketReplay replay = aggregations && exact ? BucketReplay.of(query) : null;
        if (replay != null) {
            replayed.incrementAndGet();
            try {
                return new QueryAnswer(replay.run(client, indices, filter, limits, deadline), indices.size());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        Window window = exact ? Window.of(query, limits.maxRows()) : null;
        if (window != null) {
            windowed.incrementAndGet();
            return new QueryAnswer(windowed(query, window, indices, filter, limits, deadline), indices.size());
        }
        HitStream events = new HitStream(client, indices, filter, deadline, limits.cancelled(),
                HitStream.ingestOrder(false), HitStream.PAGE);
        try {
            return new QueryAnswer(query.execute(events, limits), indices.size());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The events of the window only, then the engine over them; statistics as if it had read every matching event. */
    private QueryResult windowed(Query query, Window window, List<String> indices, ObjectNode filter,
                                 ExecutionLimits limits, long deadline) throws IOException {
        List<HitStream.Hit> hits = new ArrayList<>();
        HitStream stream = new HitStream(client, indices, filter, deadline, limits.cancelled(), window.order(),
                Math.min(HitStream.PAGE, window.rows() + 100));
        try {
            for (HitStream.Hit hit : stream.hits()) {
                if (hits.size() >= window.rows()
                        && (window.field() == null || !hit.sort().get(0).equals(hits.get(hits.size() - 1).sort().get(0)))) {
                    break; // enough, and past the events that tie with the last one
                }
                hits.add(hit);
            }
        } catch (QueryAbortedException e) {
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(),
                    List.of(), new Statistics(0, 0, 0));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (window.field() != null) {
            hits.sort(INGEST_ORDER); // the engine reads in ingest order, as from the whole range
        }
        QueryResult answer = query.execute(hits.stream().map(HitStream.Hit::event).toList(), limits);
        if (window.field() == null) {
            return answer; // the engine stops reading at the limit: its statistics are those of the whole range
        }
        long matched;
        try {
            matched = OpenSearchStats.count(client, indices, filter, deadline);
        } catch (QueryAbortedException e) {
            return new QueryResult(QueryStatus.Timeout, query.columns(), List.of(), new Statistics(0, 0, 0));
        }
        return new QueryResult(answer.status(), answer.columns(), answer.rows(),
                new Statistics(matched, matched, answer.statistics().bytesScanned()));
    }

    /** Hits of a window in ingest order: their last four sort values are time, collector, sequence, position. */
    private static final Comparator<HitStream.Hit> INGEST_ORDER = Comparator
            .comparingLong((HitStream.Hit h) -> tail(h, 4).asLong())
            .thenComparing(h -> tail(h, 3).asText())
            .thenComparingLong(h -> tail(h, 2).asLong())
            .thenComparingLong(h -> tail(h, 1).asLong());

    private static JsonNode tail(HitStream.Hit hit, int fromEnd) {
        return hit.sort().get(hit.sort().size() - fromEnd);
    }

    /** Queries answered from OpenSearch's buckets replayed through the engine ({@link BucketReplay}) since start. */
    long replayed() {
        return replayed.get();
    }

    /** Queries answered from a window of events ({@link Window}) since start. */
    long windowed() {
        return windowed.get();
    }

    @Override
    public List<LogEvent> invocation(String requestId, Duration timeout) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        List<String> indices = days.all();
        if (indices.isEmpty()) {
            return events;
        }
        HitStream stream = new HitStream(client, indices, OpenSearchPushdown.term(LogEvent.REQUEST_ID, requestId),
                System.nanoTime() + timeout.toNanos(), () -> false, HitStream.ingestOrder(false), HitStream.PAGE);
        try {
            for (LogEvent e : stream) {
                events.add(e);
                if (events.size() >= QueryService.MAX_INVOCATION_EVENTS) {
                    break;
                }
            }
        } catch (QueryAbortedException e) {
            throw new IOException("looking up request id " + requestId + " took longer than " + timeout);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return events;
    }

    /** Queries answered by OpenSearch's aggregations since start. */
    long aggregated() {
        return aggregated.get();
    }

    @Override
    public long partitionsOpened() {
        return partitionsOpened.get();
    }

    static ObjectNode timeRange(long fromMillis, long toMillis) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        q.putObject("range").putObject(LogEvent.TIMESTAMP).put("gte", fromMillis).put("lte", toMillis);
        return q;
    }
}
