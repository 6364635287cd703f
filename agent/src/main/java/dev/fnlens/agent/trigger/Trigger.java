package dev.fnlens.agent.trigger;

/**
 * What kind of event started an invocation.
 *
 * @param type            OpenTelemetry {@code faas.trigger}: {@code http|pubsub|datasource|timer|other}
 * @param source          {@code fnlens.trigger.source}, e.g. {@code aws:sqs}; {@code null} for a direct invoke
 * @param consumer        whether the span is a CONSUMER (queue, stream, notification) rather than a SERVER span
 * @param messagingSystem OpenTelemetry {@code messaging.system} for queues and topics, else {@code null}
 */
public record Trigger(String type, String source, boolean consumer, String messagingSystem) {
    public static final Trigger OTHER = new Trigger("other", null, false, null);
    public static final Trigger API_GATEWAY_REST = new Trigger("http", "aws:apigateway", false, null);
    public static final Trigger API_GATEWAY_HTTP = new Trigger("http", "aws:apigatewayv2", false, null);
    public static final Trigger LOAD_BALANCER = new Trigger("http", "aws:elb", false, null);
    public static final Trigger FUNCTION_URL = new Trigger("http", "aws:lambda:url", false, null);
    public static final Trigger SQS = new Trigger("pubsub", "aws:sqs", true, "aws_sqs");
    public static final Trigger SNS = new Trigger("pubsub", "aws:sns", true, "aws_sns");
    public static final Trigger KINESIS = new Trigger("pubsub", "aws:kinesis", true, null);
    public static final Trigger EVENTBRIDGE = new Trigger("pubsub", "aws:events", true, null);
    public static final Trigger SCHEDULE = new Trigger("timer", "aws:events", false, null);
    public static final Trigger S3 = new Trigger("datasource", "aws:s3", true, null);
    public static final Trigger DYNAMODB = new Trigger("datasource", "aws:dynamodb", true, null);

    public boolean isHttp() {
        return "http".equals(type);
    }

    /** The trigger an {@code eventSource} value of a batch record names, or {@code null}. */
    static Trigger ofEventSource(String eventSource) {
        if (eventSource == null) {
            return null;
        }
        switch (eventSource) {
            case "aws:sqs": return SQS;
            case "aws:sns": return SNS;
            case "aws:s3": return S3;
            case "aws:dynamodb": return DYNAMODB;
            case "aws:kinesis": return KINESIS;
            default: return null;
        }
    }
}
