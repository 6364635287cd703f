package dev.fnlens.agent.invocation;

/**
 * One finished handler invocation, as measured on the handler's thread.
 *
 * <p>Only raw measurements: everything derived (rounded durations, attributes, the
 * exception's text) is computed later on the export thread, off the handler's path.
 *
 * @param handlerClass    binary name of the instrumented class (fallback function name)
 * @param functionArn     {@code Context.getInvokedFunctionArn()}, or {@code null}
 * @param startEpochNanos wall-clock start
 * @param durationNanos   monotonic duration
 * @param maxMemoryUsedMb process peak RSS at the end of the invocation
 * @param error           what the handler threw, or {@code null}
 */
public record Invocation(
        String requestId,
        String handlerClass,
        String functionArn,
        Trigger trigger,
        long startEpochNanos,
        long durationNanos,
        boolean coldStart,
        long maxMemoryUsedMb,
        Throwable error) {

    public boolean failed() {
        return error != null;
    }

    public long endEpochNanos() {
        return startEpochNanos + durationNanos;
    }
}
