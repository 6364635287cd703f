package dev.fnlens.collector.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.alert.AlertMetrics;
import dev.fnlens.collector.metrics.CollectorMetrics;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attempt that fails by an exception, not by the receiver's answer: the lane pauses, then goes on. */
class DeliveryErrorTest {
    private static final DeliveryOptions OPTIONS = new DeliveryOptions(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofHours(24));

    @TempDir
    Path dir;

    @Test
    void anAttemptThatThrows_isTriedAgainAfterAPause_notAtOnce() throws Exception {
        Outbox outbox = Outbox.open(dir);
        List<Long> asked = new ArrayList<>();
        try (CollectorMetrics metrics = new CollectorMetrics();
             Delivery delivery = new Delivery(outbox, name -> {
                 synchronized (asked) {
                     asked.add(System.nanoTime());
                     if (asked.size() <= 2) {
                         throw new UncheckedIOException(new java.io.IOException("No space left on device"));
                     }
                 }
                 return null; // then: the destination was deleted, so the notification is given up
             }, null, OPTIONS, new AlertMetrics(metrics), name -> { }, Clock.systemUTC())) {
            long t0 = System.nanoTime();

            delivery.submit(outbox.add("ops", "errors", "application/json", "{}", System.currentTimeMillis()));

            while (outbox.depth() > 0 && System.nanoTime() - t0 < 10_000_000_000L) {
                Thread.sleep(10);
            }
            assertThat(outbox.depth()).as("given up in the end").isZero();
            synchronized (asked) {
                assertThat(asked).hasSize(3);
                assertThat(asked.get(1) - asked.get(0)).as("paused after the first failure")
                        .isGreaterThanOrEqualTo(Delivery.ERROR_PAUSE_MILLIS * 1_000_000 - 50_000_000);
                assertThat(asked.get(2) - asked.get(1)).as("and after the second")
                        .isGreaterThanOrEqualTo(Delivery.ERROR_PAUSE_MILLIS * 1_000_000 - 50_000_000);
            }
        }
    }
}
