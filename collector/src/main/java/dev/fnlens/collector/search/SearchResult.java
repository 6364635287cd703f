package dev.fnlens.collector.search;

import dev.fnlens.collector.event.LogEvent;
import java.util.List;

/**
 * @param events         newest first
 * @param recordsMatched all events that matched, not only those returned
 * @param recordsScanned events in the day partitions the time range touched
 * @param partitions     day partitions searched
 * @param timedOut       the time limit stopped the search: the events are what was found by then
 */
public record SearchResult(List<LogEvent> events, long recordsMatched, long recordsScanned, int partitions,
                           long elapsedMillis, boolean timedOut) {
    public SearchResult(List<LogEvent> events, long recordsMatched, long recordsScanned, int partitions,
                        long elapsedMillis) {
        this(events, recordsMatched, recordsScanned, partitions, elapsedMillis, false);
    }
}
