package dev.fnlens.collector.alert;

import static dev.fnlens.collector.alert.WebhookReceiver.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.alert.outbox.DeliveryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules evaluated by a real collector over ingested OTLP, notifying a real receiver; timers in milliseconds. */
class AlertsIT {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Duration WAIT = Duration.ofSeconds(30); // generous: CI machines are shared
    static final String ERRORS_QUERY = "filter ispresent(errorType) | stats count() as errors by @log";

    @TempDir
    Path data;
    Collector collector;
    AdminApi api;
    LambdaTraffic orders;
    WebhookReceiver receiver = WebhookReceiver.start();
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        DeliveryOptions fast = new DeliveryOptions(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofHours(1));
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0)
                .withAlerts(AlertsConfig.none().withDelivery(fast)));
        api = new AdminApi(collector.httpPort());
        orders = new LambdaTraffic(new TestHttp(collector.otlpPort(), collector.httpPort()), "orders");
    }

    @AfterEach
    void stop() {
        traffic.shutdownNow();
        collector.close();
        receiver.close();
    }

    private void destination(String extra) {
        api.create("/api/alerts/destinations", "{\"name\": \"ops\", \"url\": \"" + receiver.url() + "\", \"secret\": \""
                + SECRET + "\", \"group_wait\": \"0s\"" + extra + "}");
    }

    private void rule(String name, String query, String condition, String extra) {
        api.create("/api/alerts/rules", "{\"name\": \"" + name + "\", \"query\": \"" + query.replace("\"", "\\\"")
                + "\", \"condition\": \"" + condition + "\", \"destinations\": [\"ops\"]" + extra + "}");
    }

    private void awaitState(String rule, String state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode r = api.get("/api/alerts/rules/" + rule).json();
        while (!(r.get("state").asText().equals(state) && r.get("lastValue").isNumber()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = api.get("/api/alerts/rules/" + rule).json();
        }
        assertThat(r.get("state").asText()).isEqualTo(state);
    }

    private List<JsonNode> history(String rule) {
        return StreamSupport.stream(api.get("/api/alerts/history?rule=" + rule).json().get("history").spliterator(),
                false).toList();
    }

    @Test
    void errorRateRule_firesOnceErrorsCrossTheThresholdAfterFor_andResolvesWhenTheyStop() throws Exception {
        // given: an error-rate rule from its template, and healthy traffic
        destination(", \"group_interval\": \"300ms\"");
        api.create("/api/alerts/templates/error-rate", """
                {"name": "orders-errors", "params": {"threshold": 20, "window": "3s"},
                 "every": "250ms", "for": "1s", "destinations": ["ops"], "labels": {"team": "payments"}}""");
        boolean[] failing = {false};
        traffic.scheduleAtFixedRate(() -> orders.send(failing[0] ? 2 : 5, failing[0] ? 3 : 0), 0, 200,
                TimeUnit.MILLISECONDS);
        awaitState("orders-errors", "OK"); // healthy traffic seen: 0 % errors
        Thread.sleep(500);
        assertThat(api.get("/api/alerts/rules/orders-errors").json().get("state").asText()).isEqualTo("OK");

        // when: 60 % of invocations fail
        long errorsFrom = System.currentTimeMillis();
        failing[0] = true;
        List<WebhookReceiver.Request> fired = receiver.await(1, status("firing"), WAIT);

        // then: one firing notification, after the rule was pending for 1 s
        assertThat(fired).hasSize(1);
        WebhookReceiver.Request firing = fired.get(0);
        assertThat(firing.receivedAt() - errorsFrom).isGreaterThanOrEqualTo(1000);
        List<String> transitions = history("orders-errors").stream().filter(t -> t.has("group") && t.get("group").size() > 0)
                .map(t -> t.get("from").asText() + ">" + t.get("to").asText()).toList();
        assertThat(transitions).containsExactly("PENDING>FIRING", "OK>PENDING");
        JsonNode body = firing.json();
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("receiver").asText()).isEqualTo("ops");
        JsonNode alert = body.get("alerts").get(0);
        assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("orders-errors");
        assertThat(alert.get("labels").get("@log").asText()).isEqualTo("/aws/lambda/orders");
        assertThat(alert.get("labels").get("team").asText()).isEqualTo("payments");
        assertThat(alert.get("annotations").get("summary").asText()).startsWith("Error rate of /aws/lambda/orders is ");
        assertThat(alert.get("generatorURL").asText()).startsWith(collector.uiUrl() + "#/insights?q=filter%20")
                .containsPattern("&from=20\\d\\d-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\dZ&to=20");
        assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        // and it is signed per Standard Webhooks
        assertThat(firing.header("webhook-id")).startsWith("msg_");
        assertThat(SignatureVerifier.verify(SECRET, firing.header("webhook-id"), firing.header("webhook-timestamp"),
                firing.header("webhook-signature"), firing.body())).isTrue();
        assertThat(SignatureVerifier.verify(SECRET, firing.header("webhook-id"), firing.header("webhook-timestamp"),
                firing.header("webhook-signature"), firing.body().replace("firing", "resolved"))).isFalse();
        assertThat(api.get("/api/alerts/firing").json().get("alerts")).hasSize(1);

        // when: the errors stop
        failing[0] = false;
        List<WebhookReceiver.Request> resolved = receiver.await(1, status("resolved"), WAIT);

        // then: one resolved notification, and no other firing one
        assertThat(resolved).hasSize(1);
        JsonNode end = resolved.get(0).json().get("alerts").get(0);
        assertThat(end.get("status").asText()).isEqualTo("resolved");
        assertThat(end.get("fingerprint").asText()).isEqualTo(alert.get("fingerprint").asText());
        assertThat(end.get("endsAt").asText()).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(receiver.requests()).filteredOn(status("firing")).hasSize(1);
        assertThat(api.get("/api/alerts/rules/orders-errors").json().get("state").asText()).isEqualTo("OK");
        assertThat(api.get("/api/alerts/firing").json().get("alerts")).isEmpty();
    }

    @Test
    void receiverAnswering503Then200_getsTheNotificationOnce_withTheSameWebhookId() throws Exception {
        receiver.answer(503);
        destination(", \"group_interval\": \"1h\"");
        rule("errors", ERRORS_QUERY, "errors > 0", ", \"every\": \"200ms\"");

        orders.send(0, 1);
        List<WebhookReceiver.Request> got = receiver.await(2, r -> true, WAIT);
        Thread.sleep(1500); // nothing else may follow

        assertThat(receiver.requests()).hasSize(2);
        assertThat(got).extracting(WebhookReceiver.Request::answered).containsExactly(503, 200);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(SignatureVerifier.verify(SECRET, got.get(1).header("webhook-id"), got.get(1).header("webhook-timestamp"),
                got.get(1).header("webhook-signature"), got.get(1).body())).isTrue();
        String metrics = api.metrics();
        assertThat(metrics).contains("fnlens_alert_notifications_retried_total{destination=\"ops\"} 1.0")
                .contains("fnlens_alert_notifications_sent_total{destination=\"ops\"} 1.0")
                .contains("fnlens_alert_outbox_notifications 0.0");
        JsonNode deliveries = api.get("/api/alerts/destinations/ops").json().get("deliveries");
        assertThat(deliveries).extracting(d -> d.get("outcome").asText()).containsExactly("delivered", "retry");
    }

    @Test
    void receiverAnswering400_isNotRetried_and410_disablesTheDestination() throws Exception {
        receiver.answer(400, 410);
        destination(", \"group_interval\": \"300ms\", \"repeat_interval\": \"300ms\"");
        rule("errors", ERRORS_QUERY, "errors > 0", ", \"every\": \"200ms\"");

        orders.send(0, 1);
        receiver.await(2, r -> true, WAIT);
        Thread.sleep(1500);

        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::answered).containsExactly(400, 410);
        assertThat(receiver.requests().get(1).header("webhook-id")).isNotEqualTo(receiver.requests().get(0).header("webhook-id"));
        assertThat(api.get("/api/alerts/destinations/ops").json().get("disabled").asBoolean()).isTrue();
        assertThat(api.metrics()).contains("fnlens_alert_notifications_failed_total{destination=\"ops\",reason=\"http_4xx\"} 1.0")
                .contains("fnlens_alert_notifications_failed_total{destination=\"ops\",reason=\"gone\"} 1.0");
    }

    @Test
    void repeatInterval_sendsTheStillFiringAlertAgain() throws Exception {
        destination(", \"group_interval\": \"200ms\", \"repeat_interval\": \"1s\"");
        rule("errors", ERRORS_QUERY, "errors > 0", ", \"every\": \"200ms\"");

        orders.send(0, 1);
        List<WebhookReceiver.Request> got = receiver.await(3, status("firing"), WAIT);

        assertThat(got).hasSize(3);
        assertThat(got.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(3);
        assertThat(got.stream().map(r -> r.json().get("alerts").get(0).get("fingerprint").asText()).distinct()).hasSize(1);
        assertThat(got.get(1).receivedAt() - got.get(0).receivedAt()).isGreaterThanOrEqualTo(900);
        assertThat(got.get(2).receivedAt() - got.get(1).receivedAt()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void flappingInput_withKeepFiringFor_sendsNoFlood() throws Exception {
        destination(", \"group_interval\": \"200ms\"");
        rule("flappy", "filter ispresent(errorType) or @type = \"REPORT\" | stats count(errorType) as errors",
                "errors > 0", ", \"every\": \"100ms\", \"window\": \"1s\", \"keep_firing_for\": \"5s\"");

        for (int burst = 0; burst < 4; burst++) { // 1 s of errors in the window, then about 1 s without
            orders.send(1, 1);
            Thread.sleep(2000);
        }

        JsonNode rule = api.get("/api/alerts/rules/flappy").json();
        List<Double> values = StreamSupport.stream(rule.get("values").spliterator(), false)
                .map(v -> v.get(1).asDouble()).toList();
        assertThat(values).as("the input flapped").contains(0.0, 1.0);
        assertThat(rule.get("state").asText()).isEqualTo("FIRING");
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().get(0).json().get("status").asText()).isEqualTo("firing");
        assertThat(history("flappy")).extracting(t -> t.get("from").asText() + ">" + t.get("to").asText())
                .containsExactly("OK>FIRING");
    }
}
