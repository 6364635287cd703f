package dev.fnlens.collector.alert;

import static dev.fnlens.collector.alert.WebhookReceiver.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.CollectorProcess;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.storage.opensearch.TestOpenSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors on one OpenSearch cluster with the same rule: only the lease holder evaluates
 * and notifies; when it is killed, the other takes the lease once it expired and goes on from the
 * state the holder saved, so an alert that already fired is not notified again.
 */
class AlertLeaseIT {
    @TempDir
    Path data;

    @Test
    void oneCollectorEvaluates_andWhenItIsKilledTheNextGoesOnFromItsState() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Path file = data.resolve("fnlens.yaml");
            Files.writeString(file, """
                    storage: {type: opensearch, urls: [%s], index-prefix: %s}
                    alerts:
                      destinations:
                        - name: ops
                          type: webhook
                          url: %s
                          secret: %s
                          group_wait: 0s
                      rules:
                        - name: errors
                          query: 'filter ispresent(errorType) | stats count() as errors by @log'
                          condition: errors > 0
                          every: 200ms
                          window: 1h
                          destinations: [ops]
                    """.formatted(TestOpenSearch.url(), TestOpenSearch.freshPrefix(), receiver.url(), AlertsIT.SECRET));
            CollectorProcess first = CollectorProcess.start(data.resolve("a"), data.resolve("a.log"),
                    "--config", file.toString());
            try {
                awaitEvaluated(first.http(), Duration.ofSeconds(30));
                try (Collector second = Collector.start(config(file, data.resolve("b")))) {
                    TestHttp b = new TestHttp(second.otlpPort(), second.httpPort());
                    new LambdaTraffic(first.http(), "orders").send(3, 2);
                    assertThat(receiver.await(1, status("firing"), Duration.ofSeconds(30))).hasSize(1);
                    Thread.sleep(500); // the state after the notification is saved within a tick
                    assertThat(lastEvaluation(b)).as("the collector without the lease evaluates nothing").isNull();

                    first.kill(); // dies holding the lease: it must expire
                    long killed = System.nanoTime();
                    awaitEvaluated(b, Duration.ofSeconds(60));
                    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                    Thread.sleep(2000); // evaluations of the alert that still fires

                    assertThat(takeover).as("taken over within a minute").isLessThan(Duration.ofMinutes(1));
                    assertThat(receiver.requests()).as("one firing notification, not one per collector").hasSize(1);
                    assertThat(b.getJson("/api/alerts/rules/errors").path("alerts").get(0).path("state").asText())
                            .isEqualToIgnoringCase("firing");
                }
            } finally {
                first.kill();
            }
        }
    }

    private static CollectorConfig config(Path file, Path dir) {
        return CollectorConfig.fromArgs(new String[] {"--config", file.toString(), "--data", dir.toString(),
                "--otlp-port", "0", "--http-port", "0"});
    }

    private static void awaitEvaluated(TestHttp http, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (lastEvaluation(http) == null) {
            assertThat(System.nanoTime()).as("no evaluation within " + within).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String lastEvaluation(TestHttp http) {
        JsonNode rule = http.getJson("/api/alerts/rules/errors");
        return rule.path("lastEvaluation").isNull() ? null : rule.path("lastEvaluation").asText();
    }
}
