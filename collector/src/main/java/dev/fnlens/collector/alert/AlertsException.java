package dev.fnlens.collector.alert;

/** A request about rules or destinations that cannot be done as asked: an expected error, not a bug. */
public final class AlertsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal: the HTTP API answers 404 and 409. */
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public AlertsException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
