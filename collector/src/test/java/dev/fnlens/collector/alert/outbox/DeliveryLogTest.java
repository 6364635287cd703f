package dev.fnlens.collector.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The delivery log a destination's page shows: test notifications beside outbox attempts, bounded. */
class DeliveryLogTest {
    private static final DeliveryOptions OPTIONS = new DeliveryOptions(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofHours(24));

    @Test
    void testNotifications_areLoggedNewestFirst_asDeliveredOrFailed_andTheLogKeepsTheLast50() {
        Delivery d = new Delivery(null, n -> null, null, OPTIONS, null, n -> { },
                Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
        try {
            d.recordTest("ops", "msg_test_1", "fnlens-test",
                    new WebhookSender.Result(WebhookSender.Outcome.DELIVERED, 200, null, "HTTP 200"));
            d.recordTest("ops", "msg_test_2", "fnlens-test",
                    new WebhookSender.Result(WebhookSender.Outcome.RETRY, 503, null, "HTTP 503"));

            assertThat(d.attempts("ops")).containsExactly(
                    new Delivery.Attempt(1_000, "msg_test_2", "fnlens-test", 1, "failed", 503, "HTTP 503"),
                    new Delivery.Attempt(1_000, "msg_test_1", "fnlens-test", 1, "delivered", 200, "HTTP 200"));
            assertThat(d.attempts("other")).isEmpty();

            for (int i = 0; i < 60; i++) {
                d.recordTest("ops", "msg_" + i, "fnlens-test",
                        new WebhookSender.Result(WebhookSender.Outcome.DELIVERED, 200, null, "HTTP 200"));
            }
            assertThat(d.attempts("ops")).hasSize(Delivery.LOG_SIZE).first()
                    .extracting(Delivery.Attempt::webhookId).isEqualTo("msg_59");
        } finally {
            d.close();
        }
    }
}
