package dev.fnlens.collector.alert.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.rule.InvalidRuleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rules for the usual Lambda problems, enabled in one call with a few parameters. Each is an ordinary rule
 * (a Logs Insights query over the Lambda fields and a condition) that the user can then edit.
 */
public final class BuiltinTemplates {
    private static final String LOG_GROUP_HELP = "only this log group (e.g. /aws/lambda/orders); all when empty";
    private static final Set<String> OVERRIDABLE = Set.of("severity", "every", "for", "keep_firing_for", "labels",
            "destinations", "group_wait", "group_interval", "repeat_interval");

    private BuiltinTemplates() {
    }

    /** A parameter; {@code defaultValue} null means required. */
    public record Param(String name, String description, String defaultValue) {
    }

    /**
     * @param build from the parameters (defaults filled in) to the rule's query, condition, window, no_data and
     *              annotations
     */
    public record Template(String id, String title, String description, List<Param> params,
                           Function<Map<String, String>, ObjectNode> build) {
    }

    public static List<Template> all() {
        return List.of(
                new Template("error-rate", "Error rate above X %",
                        "Share of invocations that failed (REPORT says Status: error or timeout), per function.",
                        List.of(new Param("threshold", "percent", "5"), window("5m"), logGroup()),
                        p -> rule(scoped(p, "filter @type = \"REPORT\"")
                                        + " | stats sum(ispresent(@status)) as errors, count() as invocations,"
                                        + " errors * 100 / invocations as errorRate by @log",
                                "errorRate > " + number(p, "threshold"), p.get("window"), "missing",
                                "Error rate of {{ @log }} is {{ errorRate }} % ({{ errors }} of {{ invocations }})")),
                new Template("p99-duration", "p99 duration above Y ms",
                        "The 99th percentile of @duration over the window, per function.",
                        List.of(new Param("threshold", "milliseconds", "1000"), window("5m"), logGroup()),
                        p -> rule(scoped(p, "filter @type = \"REPORT\"")
                                        + " | stats pct(@duration, 99) as p99Duration, count() as invocations by @log",
                                "p99Duration > " + number(p, "threshold"), p.get("window"), "missing",
                                "p99 duration of {{ @log }} is {{ p99Duration }} ms")),
                new Template("timeouts", "Timeouts",
                        "Any invocation that hit its timeout (REPORT says Status: timeout), per function.",
                        List.of(window("5m"), logGroup()),
                        p -> rule(scoped(p, "filter @type = \"REPORT\" and @status = \"timeout\"")
                                        + " | stats count() as timeouts by @log",
                                "timeouts > 0", p.get("window"), "not_breaching",
                                "{{ timeouts }} invocation(s) of {{ @log }} timed out")),
                new Template("cold-starts", "Cold-start share above Z %",
                        "Share of invocations with an @initDuration (cold starts), per function.",
                        List.of(new Param("threshold", "percent", "20"), window("15m"), logGroup()),
                        p -> rule(scoped(p, "filter @type = \"REPORT\"")
                                        + " | stats sum(ispresent(@initDuration)) as coldStarts, count() as invocations,"
                                        + " coldStarts * 100 / invocations as coldStartRate by @log",
                                "coldStartRate > " + number(p, "threshold"), p.get("window"), "missing",
                                "{{ coldStartRate }} % of the invocations of {{ @log }} were cold starts")),
                new Template("memory", "Max memory used above 90 % of memory size",
                        "The highest @maxMemoryUsed as a share of @memorySize, per function.",
                        List.of(new Param("threshold", "percent", "90"), window("15m"), logGroup()),
                        p -> rule(scoped(p, "filter @type = \"REPORT\" and ispresent(@maxMemoryUsed)")
                                        + " | stats max(@maxMemoryUsed * 100 / @memorySize) as memoryUsedPercent,"
                                        + " max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,"
                                        + " max(@memorySize / 1000 / 1000) as memorySizeMB by @log",
                                "memoryUsedPercent > " + number(p, "threshold"), p.get("window"), "missing",
                                "{{ @log }} used {{ maxMemoryUsedMB }} MB of {{ memorySizeMB }} MB")),
                new Template("no-invocations", "No invocations for N minutes",
                        "A schedule or trigger that stopped: no REPORT line for the whole window.",
                        List.of(new Param("minutes", "length of the silence", "15"), logGroup()),
                        p -> rule(scoped(p, "filter @type = \"REPORT\"") + " | stats count() as invocations",
                                "invocations < 1", minutes(p) + "m", "breaching",
                                "No invocations" + (p.get("logGroup").isEmpty() ? "" : " of "
                                        + p.get("logGroup").replace("{{", "{ {")) + " for " + minutes(p) + " minutes")),
                new Template("log-pattern", "A log pattern seen",
                        "Any log line containing the text (or matching /regex/), per function.",
                        List.of(new Param("pattern", "text, or /regex/", "OutOfMemoryError"), window("5m"), logGroup()),
                        p -> rule(scoped(p, "filter @message " + match(p.get("pattern")))
                                        + " | stats count() as matches by @log",
                                "matches > 0", p.get("window"), "not_breaching",
                                "{{ matches }} line(s) of {{ @log }} match " + p.get("pattern").replace("{{", "{ {"))));
    }

    public static Template find(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The rule a template makes: {@code request} holds {@code params}, an optional {@code name}, and any of
     * severity, every, for, keep_firing_for, labels, destinations and the notification timers.
     */
    public static ObjectNode instantiate(Template t, JsonNode request) {
        JsonNode given = request.path("params");
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (Param p : t.params()) {
            JsonNode v = given.get(p.name());
            String value = v == null || v.isNull() ? p.defaultValue() : v.asText().strip();
            params.put(p.name(), value);
        }
        for (String key : (Iterable<String>) given::fieldNames) {
            if (!params.containsKey(key)) {
                throw new InvalidRuleException("params." + key, "unknown parameter; " + t.id() + " takes "
                        + t.params().stream().map(Param::name).toList());
            }
        }
        ObjectNode rule = t.build().apply(params);
        String name = request.path("name").asText("");
        rule.put("name", name.isEmpty() ? defaultName(t, params) : name);
        for (String key : OVERRIDABLE) {
            if (request.has(key)) {
                rule.set(key, request.get(key));
            }
        }
        return rule;
    }

    private static ObjectNode rule(String query, String condition, String window, String noData, String summary) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("query", query);
        rule.put("condition", condition);
        rule.put("every", "1m");
        rule.put("window", window);
        rule.put("no_data", noData);
        rule.putObject("annotations").put("summary", summary);
        return rule;
    }

    private static String scoped(Map<String, String> p, String filter) {
        String group = p.get("logGroup");
        return group.isEmpty() ? filter : "filter @log = " + string(group) + " | " + filter;
    }

    private static String match(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidRuleException("params.pattern", "required");
        }
        if (pattern.length() > 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
            return "like " + pattern;
        }
        return "like " + string(pattern);
    }

    /** A string literal of the query language. */
    static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String number(Map<String, String> p, String name) {
        try {
            double d = Double.parseDouble(p.get(name));
            if (Double.isFinite(d)) {
                return p.get(name);
            }
        } catch (NumberFormatException | NullPointerException e) {
            // below
        }
        throw new InvalidRuleException("params." + name, "expected a number, got '" + p.get(name) + "'");
    }

    private static long minutes(Map<String, String> p) {
        try {
            long m = Long.parseLong(p.get("minutes"));
            if (m >= 1 && m <= 14 * 24 * 60) {
                return m;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidRuleException("params.minutes", "expected whole minutes from 1 to 20160, got '"
                + p.get("minutes") + "'");
    }

    private static Param window(String fallback) {
        return new Param("window", "time range each evaluation looks at", fallback);
    }

    private static Param logGroup() {
        return new Param("logGroup", LOG_GROUP_HELP, "");
    }

    private static String defaultName(Template t, Map<String, String> params) {
        String group = params.getOrDefault("logGroup", "");
        String suffix = group.isEmpty() ? "" : "-" + group.replaceFirst("^/aws/lambda/", "")
                .replaceAll("[^A-Za-z0-9._-]", "-");
        String name = (t.id() + suffix).toLowerCase(Locale.ROOT);
        return name.length() > 128 ? name.substring(0, 128) : name;
    }
}
