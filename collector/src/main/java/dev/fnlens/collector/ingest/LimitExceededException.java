package dev.fnlens.collector.ingest;

/**
 * The request is well-formed but over one of the {@link IngestLimits}; nothing of it was
 * stored. {@link #limit()} names the limit for clients and metrics ({@code too_many_items}, ...).
 */
public final class LimitExceededException extends MalformedOtlpException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final boolean wholeRequest;

    LimitExceededException(String limit, boolean wholeRequest, String message) {
        super(message);
        this.limit = limit;
        this.wholeRequest = wholeRequest;
    }

    public String limit() {
        return limit;
    }

    /** True when the request as a whole is too big (split it: 413), false when one item is (400). */
    public boolean wholeRequest() {
        return wholeRequest;
    }
}
