package dev.fnlens.collector.query;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where an Insights query runs: over the embedded Lucene store ({@link LuceneQueries}) or over
 * OpenSearch. Either gives the same answer on the same events; {@link QueryService} in front of
 * it checks requests and bounds every run.
 */
public interface QueryBackend {

    /**
     * Runs {@code query} over the events of {@code [fromMillis, toMillis]}, in time order (same millisecond in
     * ingest order), stopping at {@code limits}' timeout (set) or cancellation with status Timeout or Cancelled.
     *
     * @param logGroups only these log groups; all when empty
     */
    QueryAnswer run(Query query, long fromMillis, long toMillis, List<String> logGroups, ExecutionLimits limits)
            throws IOException;

    /**
     * Every event of one invocation, oldest first (same millisecond in ingest order): START, application lines,
     * error, END, REPORT; at most {@value QueryService#MAX_INVOCATION_EVENTS}. Empty when the id is unknown.
     *
     * @throws IOException also when the lookup takes longer than {@code timeout}
     */
    List<LogEvent> invocation(String requestId, Duration timeout) throws IOException;

    /** Time partitions (days) queries opened since start; a query over a range with no data opens none. */
    long partitionsOpened();
}
