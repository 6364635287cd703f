package dev.fnlens.collector.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.rule.NotifyTimers;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_767_322_800_102L; // 2026-01-02T03:00:00.102Z

    static Alert alert(String fn, long endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "errors");
        labels.put("severity", "critical");
        labels.put("team", "payments");
        labels.put("@log", fn);
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "Errors in " + fn + " <b>"), T0, endsAt,
                "http://fnlens/insights?query=x");
    }

    static Destination destination(Destination.Type type, String body) {
        return new Destination("ops", type, URI.create("http://127.0.0.1/"), null, false, body,
                body == null ? null : "application/json", NotifyTimers.UNSET, true, false);
    }

    private final Notification n = new Notification("ops", "errors",
            List.of(alert("/aws/lambda/orders", 0), alert("/aws/lambda/users", T0 + 60_000)), 0, "http://fnlens/");

    @Test
    void webhook_isAlertmanagersVersion4Body() throws Exception {
        JsonNode body = JSON.readTree(Payloads.render(destination(Destination.Type.WEBHOOK, null), n).text());

        assertThat(body.fieldNames()).toIterable().containsExactly("version", "groupKey", "truncatedAlerts", "status",
                "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts");
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("groupKey").asText()).isEqualTo("{}/{receiver=\"ops\"}:{alertname=\"errors\"}");
        assertThat(body.get("groupLabels")).isEqualTo(JSON.readTree("{\"alertname\": \"errors\"}"));
        assertThat(body.get("commonLabels")).isEqualTo(JSON.readTree(
                "{\"alertname\": \"errors\", \"severity\": \"critical\", \"team\": \"payments\"}"));
        assertThat(body.get("commonAnnotations").size()).isZero();
        JsonNode first = body.get("alerts").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("status", "labels", "annotations", "startsAt",
                "endsAt", "generatorURL", "fingerprint");
        assertThat(first.get("startsAt").asText()).isEqualTo("2026-01-02T03:00:00.102Z");
        assertThat(first.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(first.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        JsonNode second = body.get("alerts").get(1);
        assertThat(second.get("status").asText()).isEqualTo("resolved");
        assertThat(second.get("endsAt").asText()).isEqualTo("2026-01-02T03:01:00.102Z");
    }

    @Test
    void fingerprint_dependsOnTheLabelsOnly_notTheirOrder() {
        assertThat(Alert.fingerprint(Map.of("a", "1", "b", "2"))).isEqualTo(Alert.fingerprint(new java.util.TreeMap<>(
                Map.of("b", "2", "a", "1")))).isNotEqualTo(Alert.fingerprint(Map.of("a", "1", "b", "3")));
    }

    @Test
    void slack_isOneTextWithEscapedContentAndLinks() throws Exception {
        JsonNode body = JSON.readTree(Payloads.render(destination(Destination.Type.SLACK, null), n).text());

        assertThat(body.fieldNames()).toIterable().containsExactly("text");
        assertThat(body.get("text").asText()).isEqualTo("""
                [FIRING:1] errors (critical)
                • Errors in /aws/lambda/orders &lt;b&gt; — <http://fnlens/insights?query=x|query>
                • Errors in /aws/lambda/users &lt;b&gt; (resolved) — <http://fnlens/insights?query=x|query>""");
    }

    @Test
    void template_escapesValuesForJson_andInsertsJsonRaw() throws Exception {
        Destination d = destination(Destination.Type.TEMPLATE,
                "{\"title\": \"{{ alertname }} is {{ status }}\", \"summary\": \"{{ summary }}\", \"all\": {{ json }},"
                        + " \"team\": \"{{ commonLabels.team }}\", \"n\": {{ firing }}}");

        JsonNode body = JSON.readTree(Payloads.render(d, n).text());

        assertThat(body.get("title").asText()).isEqualTo("errors is firing");
        assertThat(body.get("summary").asText()).startsWith("[FIRING:1] errors (critical)\n• Errors in /aws/lambda/orders <b>");
        assertThat(body.get("all").get("version").asText()).isEqualTo("4");
        assertThat(body.get("team").asText()).isEqualTo("payments");
        assertThat(body.get("n").asInt()).isEqualTo(1);
    }
}
