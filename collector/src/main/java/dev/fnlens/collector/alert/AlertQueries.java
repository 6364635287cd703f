package dev.fnlens.collector.alert;

import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import java.io.IOException;
import java.time.Duration;

/**
 * How alerting runs a rule's query over a time range of the stored events: in the collector, the
 * {@link dev.fnlens.collector.query.QueryService} (filters pushed into Lucene, events read from doc values).
 */
@FunctionalInterface
public interface AlertQueries {
    /**
     * Runs {@code query} over the events with {@code startMs <= @timestamp <= endMs}; the answer's status is
     * {@code Timeout} when {@code timeout} passed first.
     */
    QueryResult run(Query query, long startMs, long endMs, Duration timeout) throws IOException;
}
