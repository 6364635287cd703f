package dev.fnlens.query;

import java.util.List;
import java.util.Objects;

/**
 * An answer. {@code columns}: the output fields in order (for tables); {@code rows}: each row lists its non-missing
 * fields in column order, as GetQueryResults does (a missing value is left out, not sent as null). Values are text:
 * numbers without a trailing ".0", timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC).
 */
public record QueryResult(QueryStatus status, List<String> columns, List<List<ResultField>> rows, Statistics statistics) {
    public QueryResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statistics, "statistics");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
