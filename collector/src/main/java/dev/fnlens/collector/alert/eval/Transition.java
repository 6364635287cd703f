package dev.fnlens.collector.alert.eval;

import java.util.Map;

/**
 * A change of state, as kept in the history: of one alert ({@code group} = its group values), or of the
 * rule as a whole ({@code group} empty, {@code from}/{@code to} among {@code OK}, {@code NO_DATA},
 * {@code ERROR}).
 *
 * @param time   epoch ms of the evaluation that saw it
 * @param value  the tested value then, or null
 * @param reason e.g. {@code condition held for 1m}, {@code no data}, the query's error
 */
public record Transition(long time, String rule, Map<String, String> group, AlertState from, AlertState to,
                         Double value, String reason) {
    public Transition {
        group = Map.copyOf(group);
    }
}
