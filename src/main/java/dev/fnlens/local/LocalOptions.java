package dev.fnlens.local;

import java.time.Duration;
import java.util.List;

/**
 * How {@code fnlens local} serves its functions.
 *
 * @param idleTimeout      how long an unused environment lives before it is stopped
 * @param asyncRetryDelays waits before the 2nd and 3rd attempt of a failed asynchronous invocation
 */
public record LocalOptions(String bind, int port, Duration idleTimeout, List<Duration> asyncRetryDelays) {

    public static LocalOptions defaults() {
        return new LocalOptions("127.0.0.1", 3001, Duration.ofMinutes(5), List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    public LocalOptions withPort(int port) {
        return new LocalOptions(bind, port, idleTimeout, asyncRetryDelays);
    }

    public LocalOptions withIdleTimeout(Duration idleTimeout) {
        return new LocalOptions(bind, port, idleTimeout, asyncRetryDelays);
    }

    public LocalOptions withAsyncRetryDelays(List<Duration> asyncRetryDelays) {
        return new LocalOptions(bind, port, idleTimeout, asyncRetryDelays);
    }
}
