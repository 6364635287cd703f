package dev.fnlens.collector.ingest;

/**
 * What one ingest request may hold, checked on the wire before anything is decoded
 * ({@link OtlpShape}), so that a small body cannot decode into a large heap.
 *
 * @param maxItemsPerRequest spans or log records in one request (413 beyond; CloudWatch's
 *                           PutLogEvents takes 10,000 events per batch)
 * @param maxAttributes      attributes of one span, span event, link, log record, resource or
 *                           scope (400 beyond; the OpenTelemetry SDK's default limit is 128)
 * @param maxEventBytes      UTF-8 bytes of one event's message; longer messages are cut, as
 *                           Lambda cuts log events over 256 KB
 */
public record IngestLimits(int maxItemsPerRequest, int maxAttributes, int maxEventBytes) {
    public static final int DEFAULT_MAX_ITEMS = 10_000;
    public static final int DEFAULT_MAX_ATTRIBUTES = 128;
    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    /** Events and links of one span (the OpenTelemetry SDK's defaults). */
    public static final int MAX_SPAN_EVENTS = 128;
    public static final int MAX_SPAN_LINKS = 128;
    /**
     * Decoded values in one request: every message (span, attribute, list or map entry, ...)
     * and every field the decoder does not know. Bounds what one request costs on the heap
     * to a few tens of MB, whatever the body's size; an agent's batch holds a few thousand.
     */
    public static final int MAX_VALUES = 250_000;
    /** Nesting of messages (about 20 levels of maps inside a log body or attribute). */
    public static final int MAX_DEPTH = 64;

    public IngestLimits {
        positive("max-items-per-request", maxItemsPerRequest);
        positive("max-attributes", maxAttributes);
        if (maxEventBytes < 1024) {
            throw new IllegalArgumentException("max-event-bytes must be at least 1024, got " + maxEventBytes);
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_ITEMS, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_EVENT_BYTES);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
