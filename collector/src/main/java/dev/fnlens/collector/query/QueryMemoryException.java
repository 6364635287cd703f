package dev.fnlens.collector.query;

/**
 * A query needed more memory than the collector had: it was given up, and everything else (ingest, indexing, alert
 * rules, other queries) goes on. Typically a distinct count or a group-by over many values, or a huge time range;
 * a narrower range or fewer groups answers.
 */
public final class QueryMemoryException extends RuntimeException {
    private static final String ADVICE = "; narrow its time range, or count or group fewer distinct values";

    /** Given up before the heap ran out: the last collection left it nearly full. */
    QueryMemoryException() {
        super("the query needed more memory than the collector has: " + HeapPressure.percentUsed() + " % of its "
                + heapMegabytes() + " MB heap were in use" + ADVICE);
    }

    /** The heap ran out while the query ran. */
    public QueryMemoryException(OutOfMemoryError cause) {
        super("the query needed more memory than the collector has (a heap of " + heapMegabytes() + " MB)" + ADVICE,
                cause);
    }

    private static long heapMegabytes() {
        return Runtime.getRuntime().maxMemory() / (1 << 20);
    }
}
