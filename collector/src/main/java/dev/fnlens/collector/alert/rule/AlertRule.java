package dev.fnlens.collector.alert.rule;

import dev.fnlens.query.Query;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert rule: a Logs Insights query evaluated every {@code every} over the last {@code window}, and a
 * condition on one numeric column of its answer. A query whose {@code stats} groups ({@code by @log})
 * yields one alert per group; {@link #groupBy} names the group columns. Built and checked by
 * {@link RuleJson}; immutable.
 *
 * @param forDuration   how long the condition must hold before the alert fires (pending until then)
 * @param keepFiringFor how long a firing alert keeps firing after the condition stopped holding
 * @param timers        notification timers set on the rule (members may be null)
 */
public record AlertRule(String name, Query query, Condition condition, Duration every, Duration window,
                        Duration forDuration, Duration keepFiringFor, NoData noData, String severity,
                        Map<String, String> labels, Map<String, String> annotations, List<String> destinations,
                        NotifyTimers timers, List<String> groupBy) {
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(1);
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final String DEFAULT_SEVERITY = "warning";

    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(condition, "condition");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        destinations = List.copyOf(destinations);
        groupBy = List.copyOf(groupBy);
    }
}
