package dev.fnlens.collector;

import dev.fnlens.collector.ingest.IngestLimits;
import dev.fnlens.collector.search.QueryLimits;
import java.util.Set;

/**
 * The limits a collector enforces beyond the body size and query time (docs/operations.md,
 * "Limits"): what one ingest request may hold, how long a query may be and how many one
 * caller may run, and the free disk space below which ingest is refused.
 *
 * @param minFreeDiskBytes ingest answers 503 while the data directory's file system has less free
 */
public record Limits(IngestLimits ingest, QueryLimits query, long minFreeDiskBytes) {
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L * 1024 * 1024;
    /** The settings, as flags without dashes and config file keys. */
    static final Set<String> KEYS = Set.of("max-items-per-request", "max-attributes", "max-event-bytes",
            "max-query-chars", "max-concurrent-queries", "min-free-disk-bytes");
    static final String USAGE = " [--max-items-per-request N] [--max-attributes N] [--max-event-bytes N]"
            + " [--max-query-chars N] [--max-concurrent-queries N] [--min-free-disk-bytes N]";

    public Limits {
        if (ingest == null || query == null) {
            throw new IllegalArgumentException("ingest and query limits are required");
        }
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("min-free-disk-bytes must not be negative, got " + minFreeDiskBytes);
        }
    }

    public static Limits defaults() {
        return new Limits(IngestLimits.defaults(), QueryLimits.defaults(), DEFAULT_MIN_FREE_DISK_BYTES);
    }

    public Limits withMinFreeDiskBytes(long bytes) {
        return new Limits(ingest, query, bytes);
    }

    /** The smallest value a setting takes. */
    static long min(String key) {
        return switch (key) {
            case "max-event-bytes" -> 1024;
            case "min-free-disk-bytes" -> 0;
            default -> 1;
        };
    }

    static long max(String key) {
        return key.equals("min-free-disk-bytes") ? Long.MAX_VALUE : Integer.MAX_VALUE;
    }

    /** With one setting changed; {@code value} is within {@link #min} and {@link #max}. */
    Limits with(String key, long value) {
        int n = (int) Math.min(Integer.MAX_VALUE, value);
        return switch (key) {
            case "max-items-per-request" -> new Limits(new IngestLimits(n, ingest.maxAttributes(),
                    ingest.maxEventBytes()), query, minFreeDiskBytes);
            case "max-attributes" -> new Limits(new IngestLimits(ingest.maxItemsPerRequest(), n,
                    ingest.maxEventBytes()), query, minFreeDiskBytes);
            case "max-event-bytes" -> new Limits(new IngestLimits(ingest.maxItemsPerRequest(),
                    ingest.maxAttributes(), n), query, minFreeDiskBytes);
            case "max-query-chars" -> new Limits(ingest, new QueryLimits(n, query.maxConcurrentPerCaller()),
                    minFreeDiskBytes);
            case "max-concurrent-queries" -> new Limits(ingest, new QueryLimits(query.maxQueryChars(), n),
                    minFreeDiskBytes);
            case "min-free-disk-bytes" -> withMinFreeDiskBytes(value);
            default -> throw new IllegalArgumentException("unknown limit " + key);
        };
    }
}
