package dev.fnlens.local.sqs;

import java.util.Map;

/**
 * A message as a consumer receives it.
 *
 * @param receiveCount  how many times it has been handed out, this time included
 * @param receiptHandle identifies this receive; a message received again gets a new one
 */
public record QueueMessage(String messageId, String receiptHandle, String body, Map<String, String> attributes,
                           long sentTimestamp, long firstReceiveTimestamp, int receiveCount) {
}
