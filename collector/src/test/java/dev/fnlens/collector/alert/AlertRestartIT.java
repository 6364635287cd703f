package dev.fnlens.collector.alert;

import static dev.fnlens.collector.alert.WebhookReceiver.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notification that could not be delivered before a restart is delivered after it, once. */
class AlertRestartIT {
    @TempDir
    Path data;

    private CollectorConfig config(WebhookReceiver receiver) throws Exception {
        Path file = data.resolve("fnlens.yaml");
        Files.writeString(file, """
                alerts:
                  delivery: {initial_backoff: 200ms, max_backoff: 1s}
                  destinations:
                    - name: ops
                      type: webhook
                      url: %s
                      secret: %s
                      group_wait: 0s
                  rules:
                    - name: orders-errors
                      query: 'filter ispresent(errorType) | stats count() as errors by @log'
                      condition: errors > 0
                      every: 200ms
                      window: 1h
                      destinations: [ops]
                """.formatted(receiver.url(), AlertsIT.SECRET));
        return CollectorConfig.fromArgs(new String[] {"--config", file.toString(), "--data", data.resolve("d").toString(),
                "--otlp-port", "0", "--http-port", "0"});
    }

    @Test
    void receiverDownWhileTheCollectorRestarts_getsTheNotificationAfterBothAreBack() throws Exception {
        // given: the receiver is down, and a rule fires
        WebhookReceiver receiver = WebhookReceiver.down();
        CollectorConfig config = config(receiver);
        String webhookId;
        try (Collector first = Collector.start(config)) {
            AdminApi api = new AdminApi(first.httpPort());
            new LambdaTraffic(new TestHttp(first.otlpPort(), first.httpPort()), "orders").send(0, 1);
            webhookId = awaitRetry(api);
        } // when: the collector stops with the notification undelivered
        assertThat(Files.list(data.resolve("d/alerts/outbox")).filter(f -> f.toString().endsWith(".json"))).hasSize(1);

        // when: both come back
        receiver.listen();
        try (Collector second = Collector.start(config); receiver) {
            List<WebhookReceiver.Request> got = receiver.await(1, status("firing"), AlertsIT.WAIT);
            Thread.sleep(1500); // the alert still fires after the restart: no second notification

            // then: delivered once, with the webhook-id it had before the restart
            assertThat(got).hasSize(1);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(got.get(0).header("webhook-id")).isEqualTo(webhookId);
            assertThat(SignatureVerifier.verify(AlertsIT.SECRET, webhookId, got.get(0).header("webhook-timestamp"),
                    got.get(0).header("webhook-signature"), got.get(0).body())).isTrue();
            AdminApi api = new AdminApi(second.httpPort());
            assertThat(api.get("/api/alerts/rules/orders-errors").json().get("state").asText()).isEqualTo("FIRING");
            assertThat(api.get("/api/alerts/history?rule=orders-errors").json().get("history"))
                    .filteredOn(t -> t.get("group").size() > 0) // not the rule's own NO_DATA before the first event
                    .extracting(t -> t.get("to").asText()).containsExactly("FIRING");
        }
    }

    /** Waits until the first delivery attempt failed and will be retried; returns its webhook-id. */
    private static String awaitRetry(AdminApi api) throws InterruptedException {
        long deadline = System.nanoTime() + AlertsIT.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode deliveries = api.get("/api/alerts/destinations/ops").json().get("deliveries");
            if (deliveries.size() > 0) {
                assertThat(deliveries.get(0).get("outcome").asText()).isEqualTo("retry");
                return deliveries.get(0).get("webhookId").asText();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no delivery attempt");
    }
}
