package dev.fnlens.collector.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.rule.TextTemplate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bodies a notification is sent as: Alertmanager's webhook JSON (version 4), a Slack incoming webhook
 * message, or the destination's template.
 */
public final class Payloads {
    /** The values a body template may use, besides {@code commonLabels.<name>} and {@code commonAnnotations.<name>}. */
    public static final Set<String> TEMPLATE_NAMES = Set.of("status", "receiver", "groupKey", "externalURL",
            "alertname", "severity", "firing", "resolved", "summary", "json", "alerts");
    /** Alertmanager's "no end yet". */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SLACK_LINES = 20;

    private Payloads() {
    }

    /** The body and its media type. */
    public record Body(String contentType, String text) {
    }

    public static Body render(Destination d, Notification n) {
        return switch (d.type()) {
            case WEBHOOK -> new Body("application/json", write(alertmanager(n)));
            case SLACK -> new Body("application/json", write(JSON.createObjectNode().put("text", slackText(n))));
            case TEMPLATE -> new Body(d.contentType(), template(d, n));
        };
    }

    /** Alertmanager's webhook body, version 4. */
    public static ObjectNode alertmanager(Notification n) {
        ObjectNode body = JSON.createObjectNode();
        body.put("version", "4");
        body.put("groupKey", n.groupKey());
        body.put("truncatedAlerts", n.truncated());
        body.put("status", n.status());
        body.put("receiver", n.receiver());
        putMap(body.putObject("groupLabels"), n.groupLabels());
        putMap(body.putObject("commonLabels"), common(n.alerts(), Alert::labels));
        putMap(body.putObject("commonAnnotations"), common(n.alerts(), Alert::annotations));
        body.put("externalURL", n.externalUrl());
        ArrayNode alerts = body.putArray("alerts");
        n.alerts().forEach(a -> alerts.add(alertJson(a)));
        return body;
    }

    /** One alert as Alertmanager's webhook body lists it. */
    public static ObjectNode alertJson(Alert a) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("status", a.status());
        putMap(alert.putObject("labels"), a.labels());
        putMap(alert.putObject("annotations"), a.annotations());
        alert.put("startsAt", time(a.startsAt()));
        alert.put("endsAt", a.resolved() ? time(a.endsAt()) : ZERO_TIME);
        alert.put("generatorURL", a.generatorUrl());
        alert.put("fingerprint", a.fingerprint());
        return alert;
    }

    /** Slack's mrkdwn: a header line, then one line per alert (its summary and a link to the query). */
    static String slackText(Notification n) {
        return text(n, Payloads::slackEscape, (url, label) -> "<" + url + "|" + label + ">");
    }

    private static String text(Notification n, Function<String, String> escape,
                               java.util.function.BinaryOperator<String> link) {
        StringBuilder text = new StringBuilder();
        String severity = common(n.alerts(), Alert::labels).get("severity");
        text.append('[').append(n.status().toUpperCase(Locale.ROOT));
        if (n.firing() > 0) {
            text.append(':').append(n.firing());
        }
        text.append("] ").append(escape.apply(n.rule()));
        if (severity != null) {
            text.append(" (").append(escape.apply(severity)).append(')');
        }
        List<Alert> alerts = n.alerts();
        for (int i = 0; i < Math.min(alerts.size(), SLACK_LINES); i++) {
            Alert a = alerts.get(i);
            text.append("\n• ").append(escape.apply(summary(a)));
            if (a.resolved()) {
                text.append(" (resolved)");
            }
            if (a.generatorUrl() != null) {
                text.append(" — ").append(link.apply(a.generatorUrl(), "query"));
            }
        }
        int more = alerts.size() - SLACK_LINES + n.truncated();
        if (more > 0) {
            text.append("\n… and ").append(more).append(" more");
        }
        return text.toString();
    }

    private static String summary(Alert a) {
        String s = a.annotations().get("summary");
        if (s == null) {
            s = a.annotations().get("description");
        }
        if (s == null) {
            s = a.labels().entrySet().stream().filter(e -> !e.getKey().equals("alertname")
                            && !e.getKey().equals("severity"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
        return s.isEmpty() ? a.labels().getOrDefault("alertname", "") : s;
    }

    private static String template(Destination d, Notification n) {
        boolean json = d.contentType().toLowerCase(Locale.ROOT).contains("json");
        Map<String, String> values = new HashMap<>();
        values.put("status", n.status());
        values.put("receiver", n.receiver());
        values.put("groupKey", n.groupKey());
        values.put("externalURL", n.externalUrl());
        values.put("alertname", n.rule());
        Map<String, String> labels = common(n.alerts(), Alert::labels);
        values.put("severity", labels.getOrDefault("severity", ""));
        values.put("firing", Long.toString(n.firing()));
        values.put("resolved", Long.toString(n.alerts().size() - n.firing()));
        values.put("summary", text(n, s -> s, (url, label) -> url));
        ObjectNode am = alertmanager(n);
        values.put("json", write(am));
        values.put("alerts", write(am.get("alerts")));
        labels.forEach((k, v) -> values.put("commonLabels." + k, v));
        common(n.alerts(), Alert::annotations).forEach((k, v) -> values.put("commonAnnotations." + k, v));
        values.put("groupLabels.alertname", n.rule());
        Set<String> raw = Set.of("json", "alerts");
        return TextTemplate.compile(d.body(), "body").render(name -> {
            String v = values.get(name);
            return v == null || !json || raw.contains(name) ? v : new String(JsonStringEncoder.getInstance()
                    .quoteAsString(v));
        });
    }

    /** The labels (or annotations) every alert has, with the same value. */
    static Map<String, String> common(List<Alert> alerts, Function<Alert, Map<String, String>> of) {
        Map<String, String> common = new LinkedHashMap<>();
        if (alerts.isEmpty()) {
            return common;
        }
        common.putAll(of.apply(alerts.get(0)));
        for (Alert a : alerts.subList(1, alerts.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(of.apply(a).get(e.getKey())));
        }
        return common;
    }

    /** RFC 3339 UTC with milliseconds. */
    static String time(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.MILLIS));
    }

    private static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void putMap(ObjectNode node, Map<String, String> map) {
        map.forEach(node::put);
    }

    static String write(Object json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
