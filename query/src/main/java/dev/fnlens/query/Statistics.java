package dev.fnlens.query;

/**
 * What an execution read. {@code recordsScanned}: events handed to the engine. {@code recordsMatched}: events that
 * passed the filters before the first sort, stats or pattern (all events when there is no filter).
 * {@code bytesScanned}: the sum of {@link FieldSource#byteSize()} of the events scanned.
 */
public record Statistics(long recordsMatched, long recordsScanned, long bytesScanned) {
}
