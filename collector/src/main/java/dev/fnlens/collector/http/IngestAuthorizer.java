package dev.fnlens.collector.http;

/**
 * Decides whether a sender's credential may ingest. The seam for ingest tokens: Firehose
 * passes its {@code X-Amz-Firehose-Access-Key} here. Until tokens exist, {@link #ALLOW_ALL}.
 */
@FunctionalInterface
public interface IngestAuthorizer {
    /** Accepts every request, with or without a credential (the collector binds to loopback by default). */
    IngestAuthorizer ALLOW_ALL = credential -> true;

    /**
     * @param credential as the sender gave it, or {@code null} when it sent none
     */
    boolean allows(String credential);
}
