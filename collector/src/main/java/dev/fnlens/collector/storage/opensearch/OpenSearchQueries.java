package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryAnswer;
import dev.fnlens.collector.query.QueryBackend;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Insights queries over OpenSearch: the time range, log groups and leading filters become one
 * OpenSearch query ({@link OpenSearchPushdown}) over the day indices the range covers, and the
 * matching events stream, in time order, through the same query engine as the embedded store's
 * — so every command, function and aggregate gives the same answer — under the same time limit.
 * A {@code stats} over exactly translated filters is aggregated in OpenSearch ({@link OpenSearchStats}).
 */
final class OpenSearchQueries implements QueryBackend {
    private final OpenSearchClient client;
    private final DayIndices days;
    private final AtomicLong partitionsOpened = new AtomicLong();
    private final boolean aggregations;
    private final AtomicLong aggregated = new AtomicLong();

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
        OpenSearchStats stats = aggregations && OpenSearchPushdown.exact(query.pushdownFilters())
                ? OpenSearchStats.of(query) : null;
        if (stats != null) {
            aggregated.incrementAndGet();
            return new QueryAnswer(stats.run(client, indices, filter, limits, deadline), indices.size());
        }
        HitStream events = new HitStream(client, indices, filter, deadline, limits.cancelled(), false);
        try {
            return new QueryAnswer(query.execute(events, limits), indices.size());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public List<LogEvent> invocation(String requestId, Duration timeout) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        List<String> indices = days.all();
        if (indices.isEmpty()) {
            return events;
        }
        HitStream stream = new HitStream(client, indices, OpenSearchPushdown.term(LogEvent.REQUEST_ID, requestId),
                System.nanoTime() + timeout.toNanos(), () -> false, false);
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
