package dev.fnlens.query.aggregate;

/**
 * The running state of one aggregate for one group. {@code timestamp} is the event's @timestamp (epoch ms), read only
 * for the aggregates that need it (earliest, latest); others ignore it. Values arrive normalised; null is missing.
 */
public interface Accumulator {

    void add(Object value, long timestamp);

    /**
     * {@code times} events with the same value, as {@code times} calls of {@link #add(Object, long)} would count them;
     * a store that holds distinct values with their counts (an aggregation's buckets) feeds them so. Accumulators
     * whose answer does not depend on how often a value came override it to do it at once.
     */
    default void add(Object value, long timestamp, long times) {
        for (long i = 0; i < times; i++) {
            add(value, timestamp);
        }
    }

    /** The aggregate's value, or null when no input counted (a count is 0, never null). */
    Object result();
}
