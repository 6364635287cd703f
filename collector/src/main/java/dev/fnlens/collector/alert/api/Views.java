package dev.fnlens.collector.alert.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.Alerting;
import dev.fnlens.collector.alert.eval.AlertInstance;
import dev.fnlens.collector.alert.eval.AlertLabels;
import dev.fnlens.collector.alert.eval.Observation;
import dev.fnlens.collector.alert.eval.Transition;
import dev.fnlens.collector.alert.notify.DestinationJson;
import dev.fnlens.collector.alert.outbox.Delivery;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.InvalidRuleException;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.collector.alert.templates.BuiltinTemplates;
import dev.fnlens.collector.event.IsoTime;
import dev.fnlens.query.QueryResult;
import java.util.List;
import java.util.Map;

/** The JSON answers of {@link AlertsApi}; times are ISO-8601 UTC with milliseconds. */
final class Views {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Views() {
    }

    /** The rule's own shape, then its live state. */
    static ObjectNode rule(Alerting.RuleStatus s) {
        ObjectNode json = RuleJson.toJson(s.rule());
        json.put("source", s.fromConfig() ? "config" : "api");
        json.put("state", s.state().name());
        putTime(json, "lastEvaluation", s.lastEvaluation());
        putNumber(json, "lastValue", s.lastValue());
        if (s.lastError() != null) {
            json.put("lastError", s.lastError());
        }
        ArrayNode alerts = json.putArray("alerts");
        for (AlertInstance.Snapshot a : s.alerts()) {
            ObjectNode alert = alerts.addObject();
            Map<String, String> labels = AlertLabels.labels(s.rule(), a.group());
            labels.forEach(alert.putObject("labels")::put);
            alert.put("state", a.state().name());
            putNumber(alert, "value", a.value());
            putTime(alert, "activeSince", a.activeSince());
            putTime(alert, "firingSince", a.firedAt());
        }
        ArrayNode values = json.putArray("values");
        for (double[] v : s.recentValues()) {
            values.addArray().add((long) v[0]).add(v[1]);
        }
        return json;
    }

    static ObjectNode destination(Alerting.DestinationStatus s) {
        ObjectNode json = DestinationJson.toJson(s.destination(), false);
        json.put("source", s.fromConfig() ? "config" : "api");
        json.put("waiting", s.waiting());
        ArrayNode log = json.putArray("deliveries");
        for (Delivery.Attempt a : s.attempts()) {
            ObjectNode entry = log.addObject();
            entry.put("time", IsoTime.format(a.time()));
            entry.put("webhookId", a.webhookId());
            entry.put("rule", a.rule());
            entry.put("attempt", a.attempt());
            entry.put("outcome", a.outcome());
            if (a.status() > 0) {
                entry.put("status", a.status());
            }
            entry.put("detail", a.detail());
        }
        return json;
    }

    static ObjectNode history(List<Transition> transitions) {
        ObjectNode json = F.objectNode();
        ArrayNode list = json.putArray("history");
        for (Transition t : transitions) {
            ObjectNode entry = list.addObject();
            entry.put("time", IsoTime.format(t.time()));
            entry.put("rule", t.rule());
            t.group().forEach(entry.putObject("group")::put);
            entry.put("from", t.from().name());
            entry.put("to", t.to().name());
            putNumber(entry, "value", t.value());
            if (t.reason() != null) {
                entry.put("reason", t.reason());
            }
        }
        return json;
    }

    static ObjectNode templates() {
        ObjectNode json = F.objectNode();
        ArrayNode list = json.putArray("templates");
        for (BuiltinTemplates.Template t : BuiltinTemplates.all()) {
            ObjectNode item = list.addObject();
            item.put("id", t.id());
            item.put("title", t.title());
            item.put("description", t.description());
            ArrayNode params = item.putArray("params");
            for (BuiltinTemplates.Param p : t.params()) {
                params.addObject().put("name", p.name()).put("description", p.description())
                        .put("default", p.defaultValue());
            }
        }
        return json;
    }

    static ObjectNode preview(AlertRule rule, QueryResult result, List<Observation> observations) {
        ObjectNode json = F.objectNode();
        json.put("status", result.status().name());
        json.put("condition", rule.condition().text());
        ArrayNode columns = json.putArray("columns");
        result.columns().forEach(columns::add);
        ArrayNode groups = json.putArray("groups");
        for (Observation o : observations) {
            ObjectNode g = groups.addObject();
            o.group().forEach(g.putObject("group")::put);
            putNumber(g, "value", o.value());
            g.put("breaching", o.value() != null && rule.condition().test(o.value()));
            o.row().forEach(g.putObject("row")::put);
        }
        ObjectNode stats = json.putObject("statistics");
        stats.put("recordsMatched", result.statistics().recordsMatched());
        stats.put("recordsScanned", result.statistics().recordsScanned());
        stats.put("bytesScanned", result.statistics().bytesScanned());
        return json;
    }

    static ObjectNode invalid(InvalidRuleException e) {
        ObjectNode json = F.objectNode();
        json.put("error", "invalid_rule");
        json.put("message", e.getMessage());
        if (e.field() != null) {
            json.put("field", e.field());
        }
        if (e.line() > 0) {
            json.put("line", e.line());
            json.put("column", e.column());
        }
        return json;
    }

    private static void putTime(ObjectNode json, String key, long epochMillis) {
        if (epochMillis > 0) {
            json.put(key, IsoTime.format(epochMillis));
        } else {
            json.putNull(key);
        }
    }

    private static void putNumber(ObjectNode json, String key, Double value) {
        if (value == null) {
            json.putNull(key);
        } else {
            json.put(key, value);
        }
    }
}
