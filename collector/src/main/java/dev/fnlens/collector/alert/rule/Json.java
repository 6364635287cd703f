package dev.fnlens.collector.alert.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading the keys of rules and destinations, with errors that name the key. */
public final class Json {
    private Json() {
    }

    public static void requireKnownKeys(JsonNode json, Set<String> known) {
        for (String key : (Iterable<String>) json::fieldNames) {
            if (!known.contains(key)) {
                throw new InvalidRuleException(key, "unknown key; expected one of " + new TreeSet<>(known));
            }
        }
    }

    public static String requiredText(JsonNode json, String key) {
        String text = text(json, key, null);
        if (text == null || text.isBlank()) {
            throw new InvalidRuleException(key, "required");
        }
        return text;
    }

    public static String text(JsonNode json, String key, String fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new InvalidRuleException(key, "expected text, got " + v.getNodeType().toString().toLowerCase());
        }
        return v.asText();
    }

    public static boolean bool(JsonNode json, String key, boolean fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw new InvalidRuleException(key, "expected true or false, got '" + v.asText() + "'");
    }

    public static Duration duration(JsonNode json, String key, Duration fallback) {
        String text = text(json, key, null);
        return text == null ? fallback : Durations.parse(text, key);
    }

    public static Map<String, String> stringMap(JsonNode json, String key) {
        JsonNode v = json.get(key);
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return map;
        }
        if (!v.isObject()) {
            throw new InvalidRuleException(key, "expected a map of names to text, e.g. {team: payments}");
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InvalidRuleException(key + "." + e.getKey(), "expected text");
            }
            if (e.getValue().asText().length() > 4096) {
                throw new InvalidRuleException(key + "." + e.getKey(), "at most 4096 characters");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    public static List<String> stringList(JsonNode json, String key) {
        JsonNode v = json.get(key);
        List<String> list = new ArrayList<>();
        if (v == null || v.isNull()) {
            return list;
        }
        if (v.isTextual()) {
            list.add(v.asText());
            return list;
        }
        if (!v.isArray()) {
            throw new InvalidRuleException(key, "expected a list of names, e.g. [ops]");
        }
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidRuleException(key, "expected a list of names, e.g. [ops]");
            }
            if (!list.contains(item.asText())) {
                list.add(item.asText());
            }
        }
        return list;
    }

    public static void putTimers(ObjectNode json, NotifyTimers timers) {
        if (timers.groupWait() != null) {
            json.put("group_wait", Durations.format(timers.groupWait()));
        }
        if (timers.groupInterval() != null) {
            json.put("group_interval", Durations.format(timers.groupInterval()));
        }
        if (timers.repeatInterval() != null) {
            json.put("repeat_interval", Durations.format(timers.repeatInterval()));
        }
    }

    public static NotifyTimers timers(JsonNode json) {
        NotifyTimers timers = new NotifyTimers(duration(json, "group_wait", null),
                duration(json, "group_interval", null), duration(json, "repeat_interval", null));
        RuleJson.checkTimers(timers);
        return timers;
    }
}
