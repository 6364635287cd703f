package dev.fnlens.collector.search;

import java.util.List;

/**
 * A full-text search.
 *
 * @param query      Lucene query syntax over {@code @message} by default; blank matches all
 * @param fromMillis inclusive, epoch ms
 * @param toMillis   inclusive, epoch ms
 * @param logGroups  only these log groups; empty for all
 * @param limit      at most this many events, newest first
 */
public record SearchRequest(String query, long fromMillis, long toMillis, List<String> logGroups, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public SearchRequest {
        query = query == null ? "" : query;
        logGroups = List.copyOf(logGroups);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
