package dev.fnlens.collector.alert.notify;

import java.util.List;
import java.util.Map;

/**
 * One message to one destination about one group of alerts (the alerts of one rule).
 *
 * @param receiver    the destination's name
 * @param rule        the rule's name, the group's only label ({@code alertname})
 * @param alerts      firing alerts first, then resolved ones; at most {@link #MAX_ALERTS}
 * @param truncated   alerts left out beyond that
 * @param externalUrl the collector's UI address, ending in {@code /}
 */
public record Notification(String receiver, String rule, List<Alert> alerts, int truncated, String externalUrl) {
    public static final int MAX_ALERTS = 100;

    public Notification {
        alerts = List.copyOf(alerts);
    }

    /** {@code firing} when any alert fires, else {@code resolved}. */
    public String status() {
        return alerts.stream().anyMatch(a -> !a.resolved()) ? "firing" : "resolved";
    }

    public Map<String, String> groupLabels() {
        return Map.of("alertname", rule);
    }

    /** Alertmanager's group key: the route and the group labels. */
    public String groupKey() {
        return "{}/{receiver=\"" + receiver + "\"}:{alertname=\"" + rule.replace("\"", "\\\"") + "\"}";
    }

    public long firing() {
        return alerts.stream().filter(a -> !a.resolved()).count();
    }
}
