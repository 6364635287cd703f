package dev.fnlens.collector.search;

/** The query text cannot be parsed or run; the message is meant for the user. */
public final class InvalidQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message, null, false, false);
    }
}
