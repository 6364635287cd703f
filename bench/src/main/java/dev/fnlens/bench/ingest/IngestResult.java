package dev.fnlens.bench.ingest;

/**
 * What one system did with the data set.
 *
 * @param ackSeconds     first request sent to last acknowledgement (durable)
 * @param visibleSeconds first request sent to a count that sees every event
 * @param cpuSeconds     server process CPU (user + system) over the same span
 * @param diskBytes      the server's data directory after commit/flush
 * @param indexBytes     Lucene files alone
 * @param logBytes       write-ahead log (fnlens) or translog (OpenSearch) left after commit/flush
 */
public record IngestResult(String system, long events, long requests, long requestBytes, double ackSeconds,
                           double visibleSeconds, double cpuSeconds, long heapPeakBytes, long heapAfterBytes,
                           long diskBytes, long indexBytes, long logBytes, String notes) {

    public double eventsPerSecond() {
        return events / ackSeconds;
    }

    public double bytesPerEvent() {
        return (double) diskBytes / events;
    }

    public double cpuSecondsPerMillion() {
        return cpuSeconds / (events / 1e6);
    }
}
