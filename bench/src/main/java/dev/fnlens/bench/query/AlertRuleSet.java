package dev.fnlens.bench.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.bench.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules a team would run: for each function, the built-in templates at a few thresholds — error rate, p99
 * duration, timeouts, cold-start share, memory, silence, log patterns — 20 rules per function, each scoped to its
 * log group, as {@code POST /api/alerts/templates/{id}} bodies.
 *
 * <p>Rules query {@code [now - window, now]}. When the data set ended {@code ageMinutes} ago, every window is
 * stretched by that age, so each evaluation still covers the newest minutes of data (the stretch holds nothing)
 * and costs what it costs on live data.
 */
record AlertRuleSet(List<Rule> rules) {
    /** Template and parameters (the window ones without the age) of the rules of one function. */
    private static final List<Map<String, String>> PER_FUNCTION = List.of(
            Map.of("template", "error-rate", "threshold", "1", "window", "5"),
            Map.of("template", "error-rate", "threshold", "2", "window", "5"),
            Map.of("template", "error-rate", "threshold", "5", "window", "5"),
            Map.of("template", "error-rate", "threshold", "10", "window", "15"),
            Map.of("template", "p99-duration", "threshold", "500", "window", "5"),
            Map.of("template", "p99-duration", "threshold", "1000", "window", "5"),
            Map.of("template", "p99-duration", "threshold", "2000", "window", "5"),
            Map.of("template", "p99-duration", "threshold", "5000", "window", "15"),
            Map.of("template", "timeouts", "window", "5"),
            Map.of("template", "cold-starts", "threshold", "5", "window", "15"),
            Map.of("template", "cold-starts", "threshold", "10", "window", "15"),
            Map.of("template", "cold-starts", "threshold", "20", "window", "15"),
            Map.of("template", "memory", "threshold", "80", "window", "15"),
            Map.of("template", "memory", "threshold", "90", "window", "15"),
            Map.of("template", "no-invocations", "minutes", "5"),
            Map.of("template", "no-invocations", "minutes", "15"),
            Map.of("template", "log-pattern", "pattern", "OutOfMemoryError", "window", "5"),
            Map.of("template", "log-pattern", "pattern", "throttled", "window", "5"),
            Map.of("template", "log-pattern", "pattern", "/declined by issuer/", "window", "5"),
            Map.of("template", "log-pattern", "pattern", "Task timed out", "window", "5"));

    record Rule(String name, String template, String body) {
    }

    static int perFunction() {
        return PER_FUNCTION.size();
    }

    /** {@code count} rules (20 per log group, the groups in turn), evaluated every {@code every}. */
    static AlertRuleSet of(List<String> logGroups, int count, long ageMinutes, String every) {
        List<Rule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String group = logGroups.get(i / PER_FUNCTION.size() % logGroups.size());
            Map<String, String> shape = PER_FUNCTION.get(i % PER_FUNCTION.size());
            ObjectNode body = Http.JSON.createObjectNode().put("name", "bench-" + i).put("every", every);
            ObjectNode params = body.putObject("params").put("logGroup", group);
            shape.forEach((key, value) -> {
                switch (key) {
                    case "template" -> { }
                    case "window" -> params.put("window", (Long.parseLong(value) + ageMinutes) + "m");
                    case "minutes" -> params.put("minutes", String.valueOf(Long.parseLong(value) + ageMinutes));
                    default -> params.put(key, value);
                }
            });
            rules.add(new Rule("bench-" + i, shape.get("template"), body.toString()));
        }
        return new AlertRuleSet(rules);
    }
}
