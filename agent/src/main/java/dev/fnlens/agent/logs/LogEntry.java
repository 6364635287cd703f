package dev.fnlens.agent.logs;

/**
 * One captured log record: what the function printed (or passed to LambdaLogger) as one event.
 *
 * @param requestId the invocation it belongs to, or null (written during init)
 * @param level     {@code TRACE|DEBUG|INFO|WARN|ERROR|FATAL}
 * @param source    {@code stdout|stderr|lambda|jul|log4j2|logback}
 */
public record LogEntry(long epochNanos, String requestId, String level, String body, String source) {
    /** Roughly what the entry holds on the heap, for the queue's byte budget. */
    int weight() {
        return 64 + 2 * body.length();
    }
}
