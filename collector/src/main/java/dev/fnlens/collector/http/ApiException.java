package dev.fnlens.collector.http;

/**
 * An expected error: answered with its status and message, counted, never logged as a bug
 * and never with a stack trace.
 *
 * @see HttpSetup
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;

    /**
     * @param reason a short stable word for metrics and clients, e.g. {@code too_large}
     */
    public ApiException(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
