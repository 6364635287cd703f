package dev.fnlens.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.alert.notify.Destination;
import dev.fnlens.collector.alert.notify.DestinationJson;
import dev.fnlens.collector.alert.outbox.DeliveryOptions;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.InvalidRuleException;
import dev.fnlens.collector.alert.rule.Json;
import dev.fnlens.collector.alert.rule.RuleJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code alerts} section of the collector's config file:
 *
 * <pre>{@code
 * alerts:
 *   external_url: https://fnlens.example.com/   # the UI's address in notifications (default: the collector's)
 *   evaluation_threads: 1
 *   history_size: 10000
 *   delivery: {timeout: 10s, initial_backoff: 1s, max_backoff: 5m, max_age: 24h}
 *   destinations: [...]                          # DestinationJson
 *   rules: [...]                                 # RuleJson
 * }</pre>
 *
 * Rules and destinations from here are read-only through the API; those created through the API live in
 * the data directory.
 */
public record AlertsConfig(List<Destination> destinations, List<AlertRule> rules, String externalUrl,
                           DeliveryOptions delivery, int evaluationThreads, int historySize) {
    static final Set<String> KEYS = Set.of("destinations", "rules", "external_url", "delivery", "evaluation_threads",
            "history_size");
    static final Set<String> DELIVERY_KEYS = Set.of("timeout", "initial_backoff", "max_backoff", "max_age");

    public AlertsConfig {
        destinations = List.copyOf(destinations);
        rules = List.copyOf(rules);
    }

    public static AlertsConfig none() {
        return new AlertsConfig(List.of(), List.of(), null, DeliveryOptions.DEFAULTS, 1, 10_000);
    }

    public AlertsConfig withDelivery(DeliveryOptions delivery) {
        return new AlertsConfig(destinations, rules, externalUrl, delivery, evaluationThreads, historySize);
    }

    public AlertsConfig withExternalUrl(String externalUrl) {
        return new AlertsConfig(destinations, rules, normalize(externalUrl), delivery, evaluationThreads, historySize);
    }

    /**
     * Reads and checks the section.
     *
     * @throws IllegalArgumentException saying which item and key is wrong, e.g.
     *                                  {@code alerts.rules[1] (hello-errors): query: line 1, column 9: ...}
     */
    public static AlertsConfig fromJson(JsonNode json) {
        try {
            return parse(json);
        } catch (InvalidRuleException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static AlertsConfig parse(JsonNode json) {
        if (json == null || json.isNull()) {
            return none();
        }
        if (!json.isObject()) {
            throw new InvalidRuleException(null, "expected a map with destinations and rules").within("alerts");
        }
        try {
            Json.requireKnownKeys(json, KEYS);
        } catch (InvalidRuleException e) {
            throw e.within("alerts");
        }
        List<Destination> destinations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode list = list(json, "destinations");
        for (int i = 0; i < list.size(); i++) {
            String where = "alerts.destinations[" + i + "]" + named(list.get(i));
            try {
                Destination d = DestinationJson.parse(list.get(i));
                if (!names.add(d.name())) {
                    throw new InvalidRuleException("name", "another destination is named '" + d.name() + "'");
                }
                destinations.add(d);
            } catch (InvalidRuleException e) {
                throw e.within(where);
            }
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ruleNames = new HashSet<>();
        list = list(json, "rules");
        for (int i = 0; i < list.size(); i++) {
            String where = "alerts.rules[" + i + "]" + named(list.get(i));
            try {
                AlertRule r = RuleJson.parse(list.get(i));
                if (!ruleNames.add(r.name())) {
                    throw new InvalidRuleException("name", "another rule is named '" + r.name() + "'");
                }
                for (String d : r.destinations()) {
                    if (!names.contains(d)) {
                        throw new InvalidRuleException("destinations", "no destination is named '" + d
                                + "'; define it under alerts.destinations");
                    }
                }
                rules.add(r);
            } catch (InvalidRuleException e) {
                throw e.within(where);
            }
        }
        DeliveryOptions delivery = DeliveryOptions.DEFAULTS;
        JsonNode d = json.get("delivery");
        if (d != null && !d.isNull()) {
            try {
                if (!d.isObject()) {
                    throw new InvalidRuleException(null, "expected a map");
                }
                Json.requireKnownKeys(d, DELIVERY_KEYS);
                delivery = new DeliveryOptions(Json.duration(d, "timeout", delivery.timeout()),
                        Json.duration(d, "initial_backoff", delivery.initialBackoff()),
                        Json.duration(d, "max_backoff", delivery.maxBackoff()),
                        Json.duration(d, "max_age", delivery.maxAge()));
                if (delivery.timeout().isZero() || delivery.initialBackoff().isZero()) {
                    throw new InvalidRuleException("timeout", "timeout and initial_backoff must be more than 0s");
                }
            } catch (InvalidRuleException e) {
                throw e.within("alerts.delivery");
            }
        }
        int threads = number(json, "evaluation_threads", 1, 1, 64);
        int history = number(json, "history_size", 10_000, 100, 1_000_000);
        String external;
        try {
            external = normalize(Json.text(json, "external_url", null));
        } catch (InvalidRuleException e) {
            throw e.within("alerts");
        }
        return new AlertsConfig(destinations, rules, external, delivery, threads, history);
    }

    private static JsonNode list(JsonNode json, String key) {
        JsonNode list = json.get(key);
        if (list == null || list.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!list.isArray()) {
            throw new InvalidRuleException(key, "expected a list").within("alerts");
        }
        return list;
    }

    private static String named(JsonNode item) {
        JsonNode name = item == null ? null : item.get("name");
        return name != null && name.isTextual() ? " (" + name.asText() + ")" : "";
    }

    private static int number(JsonNode json, String key, int fallback, int min, int max) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new InvalidRuleException(key, "expected a number from " + min + " to " + max + ", got '"
                    + v.asText() + "'").within("alerts");
        }
        return v.asInt();
    }

    /** An absolute http(s) URL ending in {@code /}, or null. */
    static String normalize(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw new InvalidRuleException("external_url", "expected an http(s) URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new InvalidRuleException("external_url", "not a URL: " + e.getMessage());
        }
        String s = url.strip();
        return s.endsWith("/") ? s : s + "/";
    }
}
