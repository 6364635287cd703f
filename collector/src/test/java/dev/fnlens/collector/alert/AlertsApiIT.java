package dev.fnlens.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/alerts}: rules and destinations from the config file and through the API, validation, templates. */
class AlertsApiIT {
    @TempDir
    static Path data;
    static Collector collector;
    static AdminApi api;
    static WebhookReceiver receiver = WebhookReceiver.start();

    @BeforeAll
    static void start() throws Exception {
        Path file = data.resolve("fnlens.yaml");
        Files.writeString(file, """
                alerts:
                  destinations:
                    - {name: ops, url: '%s', secret: %s}
                  rules:
                    - name: from-config
                      query: 'filter @message like /ERROR/ | stats count(*) as errors by @log'
                      condition: errors > 5
                      destinations: [ops]
                """.formatted(receiver.url(), AlertsIT.SECRET));
        collector = Collector.start(CollectorConfig.fromArgs(new String[] {"--config", file.toString(), "--data",
                data.resolve("d").toString(), "--otlp-port", "0", "--http-port", "0"}));
        api = new AdminApi(collector.httpPort());
    }

    @AfterAll
    static void stop() {
        collector.close();
        receiver.close();
    }

    @Test
    void ruleWithABrokenQuery_isRefused_withTheQuerysLineAndColumn() {
        AdminApi.Answer a = api.post("/api/alerts/rules", """
                {"name": "broken", "query": "filter @type = \\"REPORT\\"\\n| stats count(*) as n by", "condition": "n > 1"}""");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).isEqualTo("invalid_rule");
        assertThat(a.json().get("field").asText()).isEqualTo("query");
        assertThat(a.json().get("line").asInt()).isEqualTo(2);
        assertThat(a.json().get("column").asInt()).isEqualTo(25);
        assertThat(a.json().get("message").asText()).isEqualTo("query: line 2, column 25: expected a field name after 'by'");
        assertThat(api.get("/api/alerts/rules/broken").status()).isEqualTo(404);
    }

    @Test
    void destinationOnTheMetadataAddress_isRefused() {
        AdminApi.Answer a = api.post("/api/alerts/destinations",
                "{\"name\": \"steal\", \"url\": \"http://169.254.169.254/latest/meta-data/iam/security-credentials/\"}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("message").asText()).isEqualTo("url: refused: 169.254.169.254 is a link-local address"
                + " (cloud metadata lives there); set allow_private: true to allow it");
        assertThat(api.post("/api/alerts/destinations", "{\"name\": \"x\", \"url\": \"ftp://127.0.0.1/\"}").status())
                .isEqualTo(400);
    }

    @Test
    void configRules_areListed_andReadOnly() {
        JsonNode rules = api.get("/api/alerts/rules").json().get("rules");
        JsonNode rule = rules.findValues("name").stream().anyMatch(n -> n.asText().equals("from-config"))
                ? api.get("/api/alerts/rules/from-config").json() : null;

        assertThat(rule).isNotNull();
        assertThat(rule.get("source").asText()).isEqualTo("config");
        assertThat(rule.get("condition").asText()).isEqualTo("errors > 5");
        assertThat(rule.get("every").asText()).isEqualTo("1m");
        assertThat(rule.has("state")).isTrue();
        assertThat(api.delete("/api/alerts/rules/from-config").status()).isEqualTo(409);
        assertThat(api.put("/api/alerts/rules/from-config", rule.toString()).json().get("message").asText())
                .isEqualTo("the rule 'from-config' comes from the config file; change it there");
    }

    @Test
    void apiRules_createUpdateDelete_andSurviveInTheDataDirectory() throws Exception {
        String rule = """
                {"name": "slow", "query": "filter @type = \\"REPORT\\" | stats pct(@duration, 99) as p99 by @log",
                 "condition": "p99 > 1000", "every": "30s", "destinations": ["ops"],
                 "annotations": {"summary": "p99 of {{ @log }} is {{ p99 }} ms"}}""";
        JsonNode created = api.create("/api/alerts/rules", rule);
        assertThat(created.get("source").asText()).isEqualTo("api");
        assertThat(created.get("state").asText()).isEqualTo("OK");
        assertThat(api.post("/api/alerts/rules", rule).status()).isEqualTo(409);

        AdminApi.Answer updated = api.put("/api/alerts/rules/slow", rule.replace("p99 > 1000", "p99 > 2000"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("condition").asText()).isEqualTo("p99 > 2000");
        assertThat(Files.readString(data.resolve("d/alerts/rules.json"))).contains("p99 > 2000");
        assertThat(api.put("/api/alerts/rules/nope", rule).status()).isEqualTo(409);
        assertThat(api.post("/api/alerts/rules", rule.replace("\"slow\"", "\"other\"").replace("[\"ops\"]", "[\"nope\"]"))
                .json().get("message").asText()).startsWith("destinations: no destination is named 'nope'");

        assertThat(api.delete("/api/alerts/rules/slow").status()).isEqualTo(204);
        assertThat(api.get("/api/alerts/rules/slow").status()).isEqualTo(404);
        assertThat(Files.readString(data.resolve("d/alerts/rules.json"))).doesNotContain("slow");
    }

    @Test
    void destinations_hideTheirSecret_andCannotBeDeletedWhileUsed() {
        JsonNode d = api.create("/api/alerts/destinations", """
                {"name": "chat", "type": "slack", "url": "%s", "secret": "%s"}""".formatted(receiver.url(), AlertsIT.SECRET));
        assertThat(d.has("secret")).isFalse();
        assertThat(d.get("secret_set").asBoolean()).isTrue();
        api.create("/api/alerts/rules", """
                {"name": "chatty", "query": "stats count() as n", "condition": "n > 1e9", "destinations": ["chat"]}""");

        assertThat(api.delete("/api/alerts/destinations/chat").status()).isEqualTo(409);
        api.delete("/api/alerts/rules/chatty");
        assertThat(api.delete("/api/alerts/destinations/chat").status()).isEqualTo(204);
    }

    @Test
    void testNotification_isSentNow_signed_andLoggedWithTheDeliveries() throws Exception {
        int before = receiver.requests().size();

        AdminApi.Answer a = api.post("/api/alerts/destinations/ops/test", "");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("delivered").asBoolean()).isTrue();
        assertThat(a.json().get("status").asInt()).isEqualTo(200);
        WebhookReceiver.Request r = receiver.requests().get(before);
        assertThat(r.json().get("alerts").get(0).get("labels").get("alertname").asText()).isEqualTo("fnlens-test");
        assertThat(SignatureVerifier.verify(AlertsIT.SECRET, r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body())).isTrue();
        JsonNode logged = api.get("/api/alerts/destinations/ops").json().get("deliveries").get(0);
        assertThat(logged.get("rule").asText()).isEqualTo("fnlens-test");
        assertThat(logged.get("outcome").asText()).isEqualTo("delivered");
        assertThat(logged.get("webhookId").asText()).isEqualTo(r.header("webhook-id"));
        assertThat(api.post("/api/alerts/destinations/nope/test", "").status()).isEqualTo(404);
    }

    @Test
    void templates_areListed_andEnabledInOneCall() {
        JsonNode templates = api.get("/api/alerts/templates").json().get("templates");
        assertThat(templates).extracting(t -> t.get("id").asText()).containsExactly("error-rate", "p99-duration",
                "timeouts", "cold-starts", "memory", "no-invocations", "log-pattern");

        JsonNode rule = api.create("/api/alerts/templates/p99-duration",
                "{\"params\": {\"threshold\": 750, \"logGroup\": \"/aws/lambda/orders\"}, \"destinations\": [\"ops\"]}");

        assertThat(rule.get("name").asText()).isEqualTo("p99-duration-orders");
        assertThat(rule.get("condition").asText()).isEqualTo("p99Duration > 750");
        assertThat(rule.get("query").asText()).startsWith("filter @log = \"/aws/lambda/orders\" | filter @type = \"REPORT\"");
        assertThat(api.post("/api/alerts/templates/nope", "{}").status()).isEqualTo(404);
        assertThat(api.post("/api/alerts/templates/error-rate", "{\"params\": {\"threshold\": \"x\"}}").json()
                .get("field").asText()).isEqualTo("params.threshold");
        api.delete("/api/alerts/rules/p99-duration-orders");
    }

    @Test
    void preview_runsTheRuleOnce_withoutSavingIt() {
        AdminApi.Answer a = api.post("/api/alerts/preview",
                "{\"query\": \"stats count() as n\", \"condition\": \"n >= 0\", \"window\": \"5m\"}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("Complete");
        assertThat(a.json().get("groups").get(0).get("breaching").asBoolean()).isTrue();
        assertThat(api.get("/api/alerts/rules/preview").status()).isEqualTo(404);
    }

    @Test
    void metrics_showTheOutboxAndRules() {
        assertThat(api.metrics()).contains("fnlens_alert_outbox_notifications")
                .contains("fnlens_alert_rules ").contains("fnlens_alerts_firing ");
    }
}
