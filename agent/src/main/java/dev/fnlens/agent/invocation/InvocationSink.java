package dev.fnlens.agent.invocation;

/**
 * Takes finished invocations off the handler's thread: hands out a slot to fill, then takes it
 * back. Both must return at once and never block.
 */
public interface InvocationSink {
    /** A free slot to fill, or {@code null} when the queue is full (the invocation is dropped and counted). */
    Invocation claim();

    /** Hands a filled slot over for export. */
    void publish(Invocation invocation);
}
