package dev.fnlens.collector.alert.eval;

import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.Durations;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine of one rule: each alert (group) goes {@code OK -> PENDING (for) -> FIRING -> OK}, a firing
 * alert keeps firing {@code keep_firing_for} after its condition stops holding, and an evaluation without
 * data follows the rule's {@code no_data}. Each {@code apply} takes the evaluation's time, so the machine is
 * driven by whoever evaluates (the scheduler, or a test with its own clock). Thread-safe.
 */
public final class RuleState {
    static final int RECENT_VALUES = 60;

    private final String rule;
    private final Map<Map<String, String>, AlertInstance> alerts = new LinkedHashMap<>();
    private final Deque<double[]> recent = new ArrayDeque<>();
    private AlertState health = AlertState.OK;
    private long lastEvaluation;
    private Double lastValue;
    private String lastError;

    public RuleState(String rule) {
        this.rule = rule;
    }

    /** What one evaluation changed: the transitions, and the alerts that resolved (for their last notification). */
    public record Outcome(List<Transition> transitions, List<AlertInstance.Snapshot> resolved) {
    }

    /** An evaluation that produced rows. Without a number in the condition's column this is {@link #applyNoData}. */
    public synchronized Outcome applyData(AlertRule rule, List<Observation> rows, long now) {
        List<Observation> valued = rows.stream().filter(o -> o.value() != null).toList();
        if (valued.isEmpty()) {
            return applyNoData(rule, now);
        }
        Outcome out = new Outcome(new ArrayList<>(), new ArrayList<>());
        setHealth(AlertState.OK, null, now, out);
        Map<Map<String, String>, Observation> held = new LinkedHashMap<>();
        Map<Map<String, String>, Observation> byGroup = new LinkedHashMap<>();
        Observation shown = null;
        for (Observation o : valued) {
            byGroup.put(o.group(), o);
            if (rule.condition().test(o.value())) {
                held.put(o.group(), o);
                shown = shown == null || moreBreaching(rule, o.value(), shown.value()) ? o : shown;
            }
        }
        lastValue = (shown != null ? shown : valued.get(0)).value();
        remember(now, lastValue);
        step(rule, held, byGroup, now, out);
        return out;
    }

    /** An evaluation that found no number to test. */
    public synchronized Outcome applyNoData(AlertRule rule, long now) {
        Outcome out = new Outcome(new ArrayList<>(), new ArrayList<>());
        lastValue = null;
        switch (rule.noData()) {
            case IGNORE -> lastEvaluation = now;
            case MISSING -> {
                setHealth(AlertState.NO_DATA, "no data", now, out);
                step(rule, Map.of(), Map.of(), now, out);
            }
            case NOT_BREACHING -> {
                setHealth(AlertState.OK, "no data, treated as not breaching", now, out);
                step(rule, Map.of(), Map.of(), now, out);
            }
            case BREACHING -> {
                setHealth(AlertState.NO_DATA, "no data, treated as breaching", now, out);
                Observation none = new Observation(Map.of(), null, Map.of());
                step(rule, Map.of(Map.of(), none), Map.of(), now, out);
            }
        }
        return out;
    }

    /** An evaluation that could not run (query timeout, store failure): alerts keep their states. */
    public synchronized Outcome applyError(String error, long now) {
        Outcome out = new Outcome(new ArrayList<>(), new ArrayList<>());
        setHealth(AlertState.ERROR, error, now, out);
        lastError = error;
        return out;
    }

    private void step(AlertRule rule, Map<Map<String, String>, Observation> held,
                      Map<Map<String, String>, Observation> all, long now, Outcome out) {
        lastEvaluation = now;
        for (Map.Entry<Map<String, String>, Observation> e : held.entrySet()) {
            AlertInstance a = alerts.get(e.getKey());
            Observation o = e.getValue();
            if (a == null) {
                a = new AlertInstance(e.getKey());
                a.activeSince = now;
                a.state = AlertState.OK;
                alerts.put(e.getKey(), a);
            }
            a.value = o.value();
            a.row = o.row();
            a.keepFiringSince = 0;
            if (a.state == AlertState.OK) {
                a.state = AlertState.PENDING;
                if (!rule.forDuration().isZero()) {
                    out.transitions().add(transition(now, a, AlertState.OK, AlertState.PENDING, "condition "
                            + rule.condition().text() + " holds"));
                }
            }
            if (a.state == AlertState.PENDING && now - a.activeSince >= rule.forDuration().toMillis()) {
                a.state = AlertState.FIRING;
                a.firedAt = now;
                out.transitions().add(transition(now, a, rule.forDuration().isZero() ? AlertState.OK
                        : AlertState.PENDING, AlertState.FIRING, rule.forDuration().isZero() ? "condition "
                        + rule.condition().text() + " holds" : "condition held for "
                        + Durations.format(rule.forDuration())));
            }
        }
        for (var it = alerts.values().iterator(); it.hasNext(); ) {
            AlertInstance a = it.next();
            if (held.containsKey(a.group)) {
                continue;
            }
            Observation o = all.get(a.group);
            a.value = o == null ? null : o.value();
            if (a.state == AlertState.PENDING) {
                it.remove();
                out.transitions().add(transition(now, a, AlertState.PENDING, AlertState.OK,
                        "condition no longer holds"));
                continue;
            }
            if (a.keepFiringSince == 0) {
                a.keepFiringSince = now;
            }
            if (now - a.keepFiringSince >= rule.keepFiringFor().toMillis()) {
                it.remove();
                out.transitions().add(transition(now, a, AlertState.FIRING, AlertState.OK, "resolved"));
                out.resolved().add(a.snapshot());
            }
        }
    }

    private static boolean moreBreaching(AlertRule rule, double candidate, double current) {
        return switch (rule.condition().op()) {
            case "<", "<=" -> candidate < current;
            default -> candidate > current;
        };
    }

    private void setHealth(AlertState to, String reason, long now, Outcome out) {
        lastEvaluation = now;
        if (to != AlertState.ERROR) {
            lastError = null;
        }
        if (to != health) {
            out.transitions().add(new Transition(now, rule, Map.of(), health, to, null, reason));
            health = to;
        }
    }

    private Transition transition(long now, AlertInstance a, AlertState from, AlertState to, String reason) {
        return new Transition(now, rule, a.group, from, to, a.value, reason);
    }

    private void remember(long now, double value) {
        recent.addLast(new double[] {now, value});
        while (recent.size() > RECENT_VALUES) {
            recent.removeFirst();
        }
    }

    /** The rule's state: its worst alert, else {@code OK}, {@code NO_DATA} or {@code ERROR}. */
    public synchronized AlertState state() {
        AlertState s = health;
        for (AlertInstance a : alerts.values()) {
            s = s.worst(a.state);
        }
        return s;
    }

    public synchronized List<AlertInstance.Snapshot> alerts() {
        return alerts.values().stream().map(AlertInstance::snapshot).toList();
    }

    public synchronized List<AlertInstance.Snapshot> firing() {
        return alerts.values().stream().filter(a -> a.state == AlertState.FIRING).map(AlertInstance::snapshot)
                .toList();
    }

    /** Epoch ms of the last evaluation; 0 before the first. */
    public synchronized long lastEvaluation() {
        return lastEvaluation;
    }

    public synchronized Double lastValue() {
        return lastValue;
    }

    public synchronized String lastError() {
        return lastError;
    }

    /** Up to the last 60 values, oldest first, as {@code [epochMs, value]} (for a sparkline). */
    public synchronized List<double[]> recentValues() {
        return recent.stream().map(double[]::clone).toList();
    }

    /** What survives a restart. */
    public record Saved(AlertState health, long lastEvaluation, Double lastValue, String lastError,
                        List<AlertInstance.Snapshot> alerts, List<double[]> recent) {
    }

    public synchronized Saved save() {
        return new Saved(health, lastEvaluation, lastValue, lastError, alerts(), recentValues());
    }

    public synchronized void restore(Saved saved) {
        health = saved.health() == null ? AlertState.OK : saved.health();
        lastEvaluation = saved.lastEvaluation();
        lastValue = saved.lastValue();
        lastError = saved.lastError();
        alerts.clear();
        if (saved.alerts() != null) {
            saved.alerts().forEach(s -> alerts.put(s.group(), AlertInstance.of(s)));
        }
        recent.clear();
        if (saved.recent() != null) {
            recent.addAll(saved.recent());
        }
    }

    /** Resolves every alert, as when the rule is deleted; returns the firing ones that resolved. */
    public synchronized Outcome clear(long now, String reason) {
        Outcome out = new Outcome(new ArrayList<>(), new ArrayList<>());
        for (AlertInstance a : alerts.values()) {
            out.transitions().add(transition(now, a, a.state, AlertState.OK, reason));
            if (a.state == AlertState.FIRING) {
                out.resolved().add(a.snapshot());
            }
        }
        alerts.clear();
        return out;
    }
}
