package dev.fnlens.collector.alert.eval;

import dev.fnlens.collector.alert.notify.Alert;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.TextTemplate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert as notified: labels ({@code alertname}, {@code severity}, the rule's labels, then the group's
 * values, which win), annotations rendered with the latest row, and the link to the rule's query.
 */
public final class AlertLabels {
    /** The UI's Logs Insights view, relative to the external URL; takes {@code q}, {@code from}, {@code to} (ISO-8601). */
    public static final String INSIGHTS_PATH = "#/insights";

    private AlertLabels() {
    }

    public static Map<String, String> labels(AlertRule rule, Map<String, String> group) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severity());
        labels.putAll(rule.labels());
        labels.putAll(group);
        return labels;
    }

    /**
     * @param endsAt epoch ms it resolved, 0 while firing
     * @param now    epoch ms of the evaluation (the link's end while firing)
     */
    public static Alert alert(AlertRule rule, AlertInstance.Snapshot a, long endsAt, long now, String externalUrl) {
        Map<String, String> labels = labels(rule, a.group());
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, String> row = a.row() == null ? Map.of() : a.row();
        rule.annotations().forEach((name, text) -> annotations.put(name, TextTemplate.compile(text, name).render(n -> {
            if (row.containsKey(n)) {
                return row.get(n);
            }
            if (n.equals("value")) {
                return a.value() == null ? "" : number(a.value());
            }
            return labels.get(n);
        })));
        long end = endsAt > 0 ? endsAt : now;
        String url = generatorUrl(externalUrl, rule, a.activeSince() - rule.window().toMillis(), end);
        return new Alert(Alert.fingerprint(labels), labels, annotations, a.firedAt(), endsAt, url);
    }

    /** The UI's Logs Insights view of the rule's query over {@code [startMs, endMs]}. */
    public static String generatorUrl(String externalUrl, AlertRule rule, long startMs, long endMs) {
        return externalUrl + INSIGHTS_PATH + "?q=" + encode(rule.query().text()) + "&from=" + encode(iso(startMs))
                + "&to=" + encode(iso(endMs + 1000));
    }

    private static String iso(long epochMillis) {
        return java.time.Instant.ofEpochMilli(Math.floorDiv(epochMillis, 1000) * 1000).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
