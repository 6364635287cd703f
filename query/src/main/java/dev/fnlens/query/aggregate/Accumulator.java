package dev.fnlens.query.aggregate;

/**
 * The running state of one aggregate for one group. {@code timestamp} is the event's @timestamp (epoch ms), read only
 * for the aggregates that need it (earliest, latest); others ignore it. Values arrive normalised; null is missing.
 */
public interface Accumulator {

    void add(Object value, long timestamp);

    /** The aggregate's value, or null when no input counted (a count is 0, never null). */
    Object result();
}
