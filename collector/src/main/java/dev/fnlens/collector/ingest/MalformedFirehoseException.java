package dev.fnlens.collector.ingest;

/**
 * A Firehose request body, or one of its records, is not what a CloudWatch Logs
 * subscription delivers; the message names the part ({@code records[2].data}) and why.
 */
public final class MalformedFirehoseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFirehoseException(String message) {
        super(message, null, false, false);
    }
}
