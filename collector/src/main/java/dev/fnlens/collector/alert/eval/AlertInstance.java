package dev.fnlens.collector.alert.eval;

import java.util.Map;

/**
 * The live state of one alert: one group of a rule while it is pending or firing. (An alert that is OK has
 * no instance.) Mutated only under its {@link RuleState}'s lock; {@link Snapshot} is what is persisted and
 * shown.
 */
public final class AlertInstance {
    final Map<String, String> group;
    AlertState state;
    long activeSince;
    long firedAt;
    long keepFiringSince;
    Double value;
    Map<String, String> row;

    AlertInstance(Map<String, String> group) {
        this.group = Map.copyOf(group);
    }

    /**
     * @param activeSince     when the condition started holding, epoch ms
     * @param firedAt         when it started firing, epoch ms; 0 while pending
     * @param keepFiringSince when the condition stopped holding while firing (keep_firing_for), else 0
     */
    public record Snapshot(Map<String, String> group, AlertState state, long activeSince, long firedAt,
                           long keepFiringSince, Double value, Map<String, String> row) {
    }

    Snapshot snapshot() {
        return new Snapshot(group, state, activeSince, firedAt, keepFiringSince, value, row);
    }

    static AlertInstance of(Snapshot s) {
        AlertInstance i = new AlertInstance(s.group());
        i.state = s.state();
        i.activeSince = s.activeSince();
        i.firedAt = s.firedAt();
        i.keepFiringSince = s.keepFiringSince();
        i.value = s.value();
        i.row = s.row() == null ? Map.of() : s.row();
        return i;
    }
}
