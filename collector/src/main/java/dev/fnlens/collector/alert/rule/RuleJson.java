package dev.fnlens.collector.alert.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.query.Query;
import dev.fnlens.query.QuerySyntaxException;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule from and to its JSON/YAML shape (the config file's {@code alerts.rules} items and the body of
 * {@code /api/alerts/rules}): snake_case keys, durations as text ({@code 10s}). Reading checks everything
 * that can be checked without data and says what is wrong with which key.
 */
public final class RuleJson {
    static final Set<String> KEYS = Set.of("name", "query", "condition", "every", "window", "for", "keep_firing_for",
            "no_data", "severity", "labels", "annotations", "destinations", "group_wait", "group_interval",
            "repeat_interval");
    static final Duration MIN_EVERY = Duration.ofMillis(100);
    static final Duration MAX_WINDOW = Duration.ofDays(14);
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

    private RuleJson() {
    }

    /**
     * @throws InvalidRuleException on the first problem found, naming the key
     */
    public static AlertRule parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidRuleException(null, "a rule must be an object with name, query and condition");
        }
        Json.requireKnownKeys(json, KEYS);
        String name = name(json, "rule");
        String text = Json.requiredText(json, "query");
        Query query = parseQuery(text);
        Condition condition = Condition.parse(Json.requiredText(json, "condition"));
        List<String> groupBy = groupBy(query);
        if (!query.columns().contains(condition.field())) {
            throw new InvalidRuleException("condition", "'" + condition.field() + "' is not a column of the query;"
                    + " its columns are " + query.columns());
        }
        Duration every = Json.duration(json, "every", AlertRule.DEFAULT_EVERY);
        if (every.compareTo(MIN_EVERY) < 0) {
            throw new InvalidRuleException("every", "must be at least 100ms, got " + Durations.format(every));
        }
        Duration window = Json.duration(json, "window", AlertRule.DEFAULT_WINDOW);
        if (window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidRuleException("window", "must be more than 0s and at most 14d, got "
                    + Durations.format(window));
        }
        Map<String, String> labels = Json.stringMap(json, "labels");
        for (String label : labels.keySet()) {
            if (label.isEmpty() || label.length() > 128 || label.equals("alertname") || label.equals("severity")) {
                throw new InvalidRuleException("labels", "'" + label + "' cannot be a label name"
                        + (label.isEmpty() || label.length() > 128 ? " (1 to 128 characters)"
                        : " (set by the rule itself)"));
            }
        }
        Map<String, String> annotations = Json.stringMap(json, "annotations");
        for (Map.Entry<String, String> a : annotations.entrySet()) {
            checkTemplate(a.getValue(), "annotations." + a.getKey(), query.columns(), labels.keySet());
        }
        String severity = Json.text(json, "severity", AlertRule.DEFAULT_SEVERITY);
        if (severity.isBlank() || severity.length() > 64) {
            throw new InvalidRuleException("severity", "must be 1 to 64 characters");
        }
        NotifyTimers timers = Json.timers(json);
        return new AlertRule(name, query, condition, every, window, Json.duration(json, "for", Duration.ZERO),
                Json.duration(json, "keep_firing_for", Duration.ZERO),
                NoData.parse(Json.text(json, "no_data", NoData.MISSING.text())), severity, labels, annotations,
                Json.stringList(json, "destinations"), timers, groupBy);
    }

    public static ObjectNode toJson(AlertRule rule) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", rule.name());
        json.put("query", rule.query().text());
        json.put("condition", rule.condition().text());
        json.put("every", Durations.format(rule.every()));
        json.put("window", Durations.format(rule.window()));
        json.put("for", Durations.format(rule.forDuration()));
        json.put("keep_firing_for", Durations.format(rule.keepFiringFor()));
        json.put("no_data", rule.noData().text());
        json.put("severity", rule.severity());
        rule.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> json.with("labels").put(e.getKey(), e.getValue()));
        if (rule.labels().isEmpty()) {
            json.putObject("labels");
        }
        ObjectNode annotations = json.putObject("annotations");
        rule.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> annotations.put(e.getKey(), e.getValue()));
        rule.destinations().forEach(json.putArray("destinations")::add);
        Json.putTimers(json, rule.timers());
        return json;
    }

    /** Checks a name as rules and destinations spell it. */
    public static String name(JsonNode json, String what) {
        String name = Json.requiredText(json, "name");
        if (!name.matches(NAME)) {
            throw new InvalidRuleException("name", "a " + what + " name is 1 to 128 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit; got '" + name + "'");
        }
        return name;
    }

    static void checkTimers(NotifyTimers timers) {
        if (timers.groupInterval() != null && timers.groupInterval().isZero()) {
            throw new InvalidRuleException("group_interval", "must be more than 0s");
        }
        if (timers.repeatInterval() != null && timers.repeatInterval().isZero()) {
            throw new InvalidRuleException("repeat_interval", "must be more than 0s");
        }
    }

    private static Query parseQuery(String text) {
        try {
            return Query.parse(text);
        } catch (QuerySyntaxException e) {
            throw new InvalidRuleException("query", e.getMessage(), e.line(), e.column());
        }
    }

    /** The group columns: the keys of the query's last stats that reach its answer. */
    static List<String> groupBy(Query query) {
        Command.Stats last = null;
        for (Command c : query.commands()) {
            if (c instanceof Command.Stats s) {
                last = s;
            }
        }
        if (last == null) {
            throw new InvalidRuleException("query", "a rule's query must compute the tested number with stats,"
                    + " e.g. 'filter @message like /ERROR/ | stats count() as errors by @log'");
        }
        List<String> keys = new ArrayList<>();
        for (Projection key : last.groupBy()) {
            if (key.expr() instanceof Expr.Call call && call.function().equalsIgnoreCase("bin")) {
                throw new InvalidRuleException("query", "a rule's stats must not group by bin():"
                        + " each evaluation already covers the rule's window");
            }
            if (query.columns().contains(key.name())) {
                keys.add(key.name());
            }
        }
        return keys;
    }

    private static void checkTemplate(String text, String field, List<String> columns, Set<String> labels) {
        for (String name : TextTemplate.compile(text, field).names()) {
            if (!columns.contains(name) && !labels.contains(name) && !name.equals("alertname")
                    && !name.equals("severity") && !name.equals("value")) {
                throw new InvalidRuleException(field, "'{{ " + name + " }}' names neither a column of the query "
                        + columns + " nor a label");
            }
        }
    }
}
