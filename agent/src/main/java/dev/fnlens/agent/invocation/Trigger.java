package dev.fnlens.agent.invocation;

/**
 * What kind of event started an invocation.
 *
 * @param type     OpenTelemetry {@code faas.trigger}: {@code http|pubsub|datasource|timer|other}
 * @param source   {@code fnlens.trigger.source}, e.g. {@code aws:sqs}; {@code null} when unknown
 * @param consumer whether the span is a CONSUMER (queue/stream delivery) rather than a SERVER span
 */
public record Trigger(String type, String source, boolean consumer) {
    public static final Trigger OTHER = new Trigger("other", null, false);
}
