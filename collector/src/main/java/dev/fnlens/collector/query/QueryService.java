package dev.fnlens.collector.query;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QuerySyntaxException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Logs Insights queries as the API and alert rules ask them: checks the request (size, time
 * range, limit), parses it, and runs it on the {@link QueryBackend} bounded by the collector's
 * query time limit. Thread-safe.
 */
public final class QueryService {
    public static final int MAX_QUERY_CHARS = 10_000;
    /** Events one {@link #invocation} answers at most. */
    public static final int MAX_INVOCATION_EVENTS = 10_000;

    private final QueryBackend backend;
    private final Duration timeout;

    public QueryService(QueryBackend backend, Duration timeout) {
        this.backend = backend;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Day partitions opened by queries since start (a query over a range with no data opens none). */
    public long partitionsOpened() {
        return backend.partitionsOpened();
    }

    /**
     * @throws QuerySyntaxException   a broken query, with line and column
     * @throws IllegalArgumentException a query over {@value #MAX_QUERY_CHARS} characters or a bad time range
     */
    public QueryAnswer run(QueryRequest request, BooleanSupplier cancelled) throws IOException {
        if (request.query() == null || request.query().isBlank()) {
            throw new IllegalArgumentException("query is empty");
        }
        if (request.query().length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("query is " + request.query().length() + " characters, at most "
                    + MAX_QUERY_CHARS + " are allowed");
        }
        if (request.startTime() > request.endTime()) {
            throw new IllegalArgumentException("startTime must not be after endTime");
        }
        if (request.limit() != null && (request.limit() < 1 || request.limit() > ExecutionLimits.DEFAULT_MAX_ROWS)) {
            throw new IllegalArgumentException("limit must be between 1 and " + ExecutionLimits.DEFAULT_MAX_ROWS);
        }
        Query query = Query.parse(request.query());
        long from;
        long to;
        try {
            from = Math.multiplyExact(request.startTime(), 1000);
            to = Math.addExact(Math.multiplyExact(request.endTime(), 1000), 999);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("startTime and endTime must be epoch seconds");
        }
        ExecutionLimits limits = ExecutionLimits.timeout(timeout).withCancellation(cancelled);
        if (request.limit() != null) {
            limits = limits.withMaxRows(request.limit());
        }
        return run(query, from, to, request.logGroups(), limits);
    }

    /**
     * Runs a parsed query over {@code [fromMillis, toMillis]} (alert rules use this), bounded by {@code limits}:
     * its timeout, at most the service's own.
     *
     * @param logGroups only these log groups; all when empty
     * @throws QueryMemoryException the query needed more memory than the collector has and was given up
     */
    public QueryAnswer run(Query query, long fromMillis, long toMillis, List<String> logGroups, ExecutionLimits limits)
            throws IOException {
        Duration limit = limits.timeout() == null || limits.timeout().compareTo(timeout) > 0 ? timeout : limits.timeout();
        try {
            return backend.run(query, fromMillis, toMillis, logGroups,
                    limits.withTimeout(limit).withCancellation(heapChecked(limits.cancelled())));
        } catch (OutOfMemoryError e) {
            // what the query held is garbage once its frames are gone; the collector goes on
            HeapPressure.collect();
            throw new QueryMemoryException(e);
        } catch (QueryMemoryException e) {
            HeapPressure.collect();
            throw e;
        }
    }

    /**
     * {@code cancelled}, and the query given up ({@link QueryMemoryException}) once the heap is nearly full of live
     * objects ({@link HeapPressure}): every store checks its cancellation as it goes, so each gives up before the heap
     * runs out.
     */
    private static BooleanSupplier heapChecked(BooleanSupplier cancelled) {
        return () -> {
            if (HeapPressure.high()) {
                throw new QueryMemoryException();
            }
            return cancelled.getAsBoolean();
        };
    }

    /**
     * Every event of one invocation, oldest first (same millisecond in ingest order): START,
     * application lines, error, END, REPORT. Empty when the id is unknown.
     */
    public List<LogEvent> invocation(String requestId) throws IOException {
        return backend.invocation(requestId, timeout);
    }
}
