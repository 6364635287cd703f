package dev.fnlens.agent.trigger;

/**
 * What the handler's thread learned about the event, as raw values: reused per thread and per
 * queue slot so that recognising a trigger allocates nothing. Names are derived from ARNs
 * later, off the handler's thread ({@link #resourceName()}).
 */
public final class TriggerFields {
    /** Message contexts kept per batch for span links; a batch of SQS messages holds at most 10. */
    public static final int MAX_LINKS = 10;

    public Trigger trigger = Trigger.OTHER;
    /** The queue/topic/stream/table ARN, bucket name or rule ARN. */
    public String resource;
    public int batchSize = -1;
    public String httpMethod;
    public String httpRoute;
    public String urlPath;
    public int httpStatus = -1;
    /** W3C {@code traceparent} the event carries (HTTP header, single message attribute). */
    public String traceparent;
    /** Per message of a batch: a W3C {@code traceparent} or an X-Ray {@code AWSTraceHeader}. */
    public final String[] links = new String[MAX_LINKS];
    public int linkCount;

    public void clear() {
        trigger = Trigger.OTHER;
        resource = null;
        batchSize = -1;
        httpMethod = null;
        httpRoute = null;
        urlPath = null;
        httpStatus = -1;
        traceparent = null;
        for (int i = 0; i < linkCount; i++) {
            links[i] = null;
        }
        linkCount = 0;
    }

    public void copyFrom(TriggerFields other) {
        trigger = other.trigger;
        resource = other.resource;
        batchSize = other.batchSize;
        httpMethod = other.httpMethod;
        httpRoute = other.httpRoute;
        urlPath = other.urlPath;
        httpStatus = other.httpStatus;
        traceparent = other.traceparent;
        int n = Math.max(linkCount, other.linkCount);
        for (int i = 0; i < n; i++) {
            links[i] = i < other.linkCount ? other.links[i] : null;
        }
        linkCount = other.linkCount;
    }

    void addLink(String context) {
        if (context != null && !context.isEmpty() && linkCount < MAX_LINKS) {
            links[linkCount++] = context;
        }
    }

    /**
     * The resource's short name: {@code arn:aws:sqs:us-east-1:1:orders} -> {@code orders},
     * {@code arn:aws:dynamodb:...:table/Orders/stream/2024-...} -> {@code Orders},
     * {@code arn:aws:kinesis:...:stream/clicks} -> {@code clicks},
     * {@code arn:aws:events:...:rule/nightly} -> {@code nightly}; a bucket name stays as it is.
     */
    public String resourceName() {
        return resourceName(resource);
    }

    static String resourceName(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return arn;
        }
        int colon = arn.indexOf(':', "arn:".length());
        for (int i = 0; i < 3 && colon >= 0; i++) {
            colon = arn.indexOf(':', colon + 1); // past partition:service:region:account
        }
        String rest = colon < 0 ? arn : arn.substring(colon + 1);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            // table/Orders/stream/..., stream/clicks, rule/nightly, rule/bus/nightly
            String[] parts = rest.split("/");
            if (parts[0].equals("rule") && parts.length > 2) {
                return parts[parts.length - 1];
            }
            return parts.length > 1 ? parts[1] : rest;
        }
        return rest;
    }
}
