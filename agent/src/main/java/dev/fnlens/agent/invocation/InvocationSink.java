package dev.fnlens.agent.invocation;

/** Takes finished invocations off the handler's thread. Must return at once and never block. */
public interface InvocationSink {
    void accept(Invocation invocation);
}
