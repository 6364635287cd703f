package dev.fnlens.collector.query;

import java.util.List;

/**
 * A Logs Insights query over a time range, as CloudWatch's StartQuery takes it.
 *
 * @param query      the query text, at most {@value QueryService#MAX_QUERY_CHARS} characters
 * @param startTime  epoch seconds, inclusive
 * @param endTime    epoch seconds, inclusive (the whole second)
 * @param logGroups  only these log groups; empty for all
 * @param limit      at most this many rows (1 to 10,000), or null for the query's own limit
 */
public record QueryRequest(String query, long startTime, long endTime, List<String> logGroups, Integer limit) {
    public QueryRequest {
        logGroups = logGroups == null ? List.of() : List.copyOf(logGroups);
    }
}
