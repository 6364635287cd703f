package dev.fnlens.agent.invocation;

/**
 * Decides the trigger from the handler's input.
 *
 * <p>Runs on the handler's thread at invocation start, so it must stay cheap and
 * must not consume a stream input. Today every invocation is {@link Trigger#OTHER};
 * recognising SQS, SNS, API Gateway, schedules, etc. (by event class name, or by
 * peeking a stream handler's JSON) belongs here.
 */
final class TriggerDetector {
    private TriggerDetector() {
    }

    static Trigger detect(Object input) {
        return Trigger.OTHER;
    }
}
