package dev.fnlens.query.runtime;

/** Unwinds a running query that ran out of time or was cancelled; expected, so it carries no stack trace. */
public final class QueryAbortedException extends RuntimeException {

    private final boolean timeout;

    public QueryAbortedException(boolean timeout) {
        super(timeout ? "query timed out" : "query cancelled", null, false, false);
        this.timeout = timeout;
    }

    public boolean isTimeout() {
        return timeout;
    }
}
