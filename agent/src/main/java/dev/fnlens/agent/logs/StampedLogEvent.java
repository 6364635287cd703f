package dev.fnlens.agent.logs;

/**
 * A Log4j 2 event class the agent rewrote ({@code Log4jLogEvent}, the async loggers' {@code RingBufferLogEvent},
 * the reusable {@code MutableLogEvent}): each event remembers, from the thread that created it, the invocation it
 * belongs to and when it was created, so an appender running later on a background thread (an
 * {@code AsyncAppender}, the async loggers' disruptor) still records it with that invocation's request id
 * and that time. Public because the rewritten classes, in the function's class loader, implement it.
 */
public interface StampedLogEvent {
    /** The request id the event belongs to; null outside invocations. */
    String fnlens$requestId();

    /** When the event was created, epoch nanoseconds on the agent's clock; 0 when it was never stamped. */
    long fnlens$epochNanos();

    /** Sets both; called by {@link Log4jHooks#stamp} only. */
    void fnlens$stamp(String requestId, long epochNanos);
}
