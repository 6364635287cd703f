package dev.fnlens.collector.alert.outbox;

/**
 * One notification waiting to be delivered, as stored in the outbox.
 *
 * @param seq           order of creation; also the file name
 * @param id            the {@code webhook-id}: the same for every attempt, so receivers can deduplicate
 * @param createdAt     epoch ms it was enqueued
 * @param attempts      attempts made so far
 * @param nextAttemptAt epoch ms of the next attempt; 0 for as soon as possible
 * @param lastError     why the last attempt failed, or null
 */
public record OutboxEntry(long seq, String id, String destination, String rule, long createdAt, int attempts,
                          long nextAttemptAt, String contentType, String body, String lastError) {

    public OutboxEntry retryAt(long when, String error) {
        return new OutboxEntry(seq, id, destination, rule, createdAt, attempts + 1, when, contentType, body, error);
    }
}
