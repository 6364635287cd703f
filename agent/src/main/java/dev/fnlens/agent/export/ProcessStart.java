package dev.fnlens.agent.export;

import java.time.Instant;
import java.util.Optional;

/**
 * When the process started: the origin of a cold start's init duration, as Lambda
 * counts init from the runtime process's start. procfs gives it at 10 ms resolution;
 * without it the agent's own start stands in.
 */
final class ProcessStart {
    private ProcessStart() {
    }

    static long epochNanos(long fallbackEpochNanos) {
        try {
            Optional<Instant> start = ProcessHandle.current().info().startInstant();
            if (start.isPresent()) {
                Instant instant = start.get();
                return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return fallbackEpochNanos;
    }
}
