package dev.fnlens.local.template;

/**
 * An {@code AWS::SQS::Queue}: messages not deleted within the visibility timeout come back, up to
 * {@code maxReceiveCount} receives, then go to the dead-letter list.
 */
public record QueueDefinition(String logicalId, String name, int visibilityTimeoutSeconds, int maxReceiveCount) {
    public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 3;
}
