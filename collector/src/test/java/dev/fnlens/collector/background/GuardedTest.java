package dev.fnlens.collector.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GuardedTest {
    @Test
    void aPeriodicTaskThatThrowsAnError_runsAgainOnItsSchedule() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger runs = new AtomicInteger();
        try {
            // unguarded, the executor would cancel the task for good at its first throw
            executor.scheduleWithFixedDelay(Guarded.task(LoggerFactory.getLogger(GuardedTest.class), "a test task", () -> {
                if (runs.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }), 0, 10, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runs).hasValueGreaterThanOrEqualTo(3);
        } finally {
            executor.shutdownNow();
        }
    }
}
