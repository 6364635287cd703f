package dev.fnlens.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CollectorMetricsTest {

    @Test
    void functionCounters_followTheirTotal_afterGarbageCollections() {
        AtomicLong total = new AtomicLong();
        try (CollectorMetrics metrics = new CollectorMetrics()) {
            metrics.functionCounter("fnlens.test.things", "Things", total::get, "kind", "a");
            for (int i = 0; i < 3; i++) {
                System.gc(); // the counter's object is held weakly by Micrometer: a lambda alone would go
            }
            total.set(42);

            assertThat(metrics.scrape()).contains("fnlens_test_things_total{kind=\"a\"} 42.0");
        }
    }
}
