package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryAnswer;
import dev.fnlens.collector.query.QueryBackend;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Insights queries over OpenSearch: the time range, log groups and leading filters become one
 * OpenSearch query ({@link OpenSearchPushdown}) over the day indices the range covers, and the
 * matching events stream, in time order, through the same query engine as the embedded store's
 * — so every command, function and aggregate gives the same answer — under the same time limit.
 * When the filters translate exactly, OpenSearch does more ({@link Plan}): a {@code stats} is answered from its
 * aggregation buckets ({@link BucketReplay}); a query that needs only the first events of an order reads only
 * those ({@link Window}).
 */
final class OpenSearchQueries implements QueryBackend {
    /**
     * How a query was answered: its stats from OpenSearch's aggregations — reading fields as they are
     * ({@code AGGREGATED}) or computing expressions over them ({@code REPLAYED}) — only the first events of an
     * order ({@code WINDOWED}), or every matching event ({@code STREAMED}).
     */
    enum Plan { AGGREGATED, REPLAYED, WINDOWED, STREAMED }

    private final OpenSearchClient client;
    private final DayIndices days;
    private final AtomicLong partitionsOpened = new AtomicLong();
    private final boolean aggregations;
    private final Map<Plan, AtomicLong> answered = new EnumMap<>(Plan.class);

    /** @param aggregations whether {@code stats} may be answered from OpenSearch's aggregations */
    OpenSearchQueries(OpenSearchClient client, DayIndices days, boolean aggregations) {
        this.client = client;
        this.days = days;
        this.aggregations = aggregations;
        for (Plan p : Plan.values()) {
            answered.put(p, new AtomicLong());
        }
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
        try {
            return new QueryAnswer(answer(query, indices, filter, limits, deadline), indices.size());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The cheapest plan that gives the engine's answer: only exact filters leave OpenSearch to decide. */
    private QueryResult answer(Query query, List<String> indices, ObjectNode filter, ExecutionLimits limits,
                               long deadline) throws IOException {
        boolean exact = OpenSearchPushdown.exact(query.pushdownFilters());
        BucketReplay replay = aggregations && exact ? BucketReplay.of(query) : null;
        if (replay != null) {
            answered.get(replay.computes() ? Plan.REPLAYED : Plan.AGGREGATED).incrementAndGet();
            return replay.run(client, indices, filter, limits, deadline);
        }
        Window window = exact ? Window.of(query, limits.maxRows()) : null;
        if (window != null) {
            answered.get(Plan.WINDOWED).incrementAndGet();
            return window.run(client, indices, filter, query, limits, deadline);
        }
        answered.get(Plan.STREAMED).incrementAndGet();
        return query.execute(new HitStream(client, indices, filter, deadline, limits.cancelled(),
                HitStream.ingestOrder(false), HitStream.PAGE), limits);
    }

    /** Queries answered with {@code plan} since start. */
    long answered(Plan plan) {
        return answered.get(plan).get();
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
