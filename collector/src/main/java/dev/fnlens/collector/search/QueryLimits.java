package dev.fnlens.collector.search;

/**
 * What one caller's queries may cost (the time limit is {@code query-timeout}).
 *
 * @param maxQueryChars          longest query text (400 beyond)
 * @param maxConcurrentPerCaller queries one caller may run at once (429 beyond); a caller is
 *                               its token once tokens exist, its remote address until then
 */
public record QueryLimits(int maxQueryChars, int maxConcurrentPerCaller) {
    public static final int DEFAULT_MAX_QUERY_CHARS = 10_000;
    public static final int DEFAULT_MAX_CONCURRENT = 16; // a UI page runs several queries at once (the Function page five)

    public QueryLimits {
        if (maxQueryChars < 1 || maxConcurrentPerCaller < 1) {
            throw new IllegalArgumentException("query limits must be positive");
        }
    }

    public static QueryLimits defaults() {
        return new QueryLimits(DEFAULT_MAX_QUERY_CHARS, DEFAULT_MAX_CONCURRENT);
    }
}
