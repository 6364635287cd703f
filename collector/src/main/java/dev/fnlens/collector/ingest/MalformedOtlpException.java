package dev.fnlens.collector.ingest;

/** The request body is not a valid OTLP export request; the message says why. */
public class MalformedOtlpException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedOtlpException(String message) {
        super(message, null, false, false);
    }
}
