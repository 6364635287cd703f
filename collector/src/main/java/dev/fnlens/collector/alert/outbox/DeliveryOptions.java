package dev.fnlens.collector.alert.outbox;

import java.time.Duration;

/**
 * How notifications are delivered (config {@code alerts.delivery}).
 *
 * @param timeout        per attempt: connecting and waiting for the answer
 * @param initialBackoff wait after the first failed attempt; doubles with each further one (with jitter)
 * @param maxBackoff     the longest wait between attempts (a longer {@code Retry-After}, up to an hour, is honoured)
 * @param maxAge         a notification not delivered within this long is given up
 */
public record DeliveryOptions(Duration timeout, Duration initialBackoff, Duration maxBackoff, Duration maxAge) {
    public static final DeliveryOptions DEFAULTS = new DeliveryOptions(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofHours(24));
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
}
