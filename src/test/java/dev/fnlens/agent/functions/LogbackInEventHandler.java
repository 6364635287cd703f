package dev.fnlens.agent.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * A function whose event type names Logback's console appender: the runtime client loads Logback's appender
 * classes while it builds the event's serializer, before its first invocation (when the agent's transformer is
 * paused), and the function logs through Logback only later.
 */
public class LogbackInEventHandler implements RequestHandler<LogbackInEventHandler.Event, String> {
    /** What the serializer set-up reflects on; the appender field is skipped when (de)serializing. */
    public static class Event {
        public String id;
        private transient ch.qos.logback.core.ConsoleAppender<Object> appender;
    }

    @Override
    public String handleRequest(Event event, Context context) {
        org.slf4j.LoggerFactory.getLogger("orders")
                .warn("logback warning line", new IllegalStateException("logback attached exception"));
        return "ok";
    }
}
