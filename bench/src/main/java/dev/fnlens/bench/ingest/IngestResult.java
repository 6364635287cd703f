package dev.fnlens.bench.ingest;

/**
 * What one system did with the data set.
 *
 * @param ackSeconds     first request sent to last acknowledgement (durable)
 * @param visibleSeconds first request sent to a count that sees every event
 * @param cpuSeconds     server process CPU (user + system) over the same span
 * @param clientCpuSeconds CPU of this harness (the senders) over the same span
 * @param heapAfterGcBytes heap in use after ingest and a full GC (what the server really holds)
 * @param diskBytes      the server's data directory after commit/flush
 * @param indexBytes     Lucene files alone
 * @param logBytes       write-ahead log (fnlens) or translog (OpenSearch) left after commit/flush
 */
public record IngestResult(String system, long events, long requests, long requestBytes, double ackSeconds,
                           double visibleSeconds, double cpuSeconds, double clientCpuSeconds, long heapPeakBytes,
                           long heapAfterGcBytes,
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
