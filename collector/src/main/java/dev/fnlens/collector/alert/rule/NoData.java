package dev.fnlens.collector.alert.rule;

import java.util.Locale;

/**
 * What an evaluation that finds no value means, as CloudWatch's "treat missing data": the query gave no row,
 * or no row had a number in the condition's field.
 */
public enum NoData {
    /** Not in alarm: alerts resolve, the rule shows {@code NO_DATA} (CloudWatch's INSUFFICIENT_DATA). */
    MISSING,
    /** As if the condition held: one alert without group labels goes pending, then firing. */
    BREACHING,
    /** As if the condition did not hold: alerts resolve, the rule shows {@code OK}. */
    NOT_BREACHING,
    /** Nothing changes: states and timers stay as they are until an evaluation finds data. */
    IGNORE;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NoData parse(String text) {
        for (NoData n : values()) {
            if (n.text().equals(text) || n.name().equals(text)
                    || (n == NOT_BREACHING && "notBreaching".equals(text))) {
                return n;
            }
        }
        throw new InvalidRuleException("no_data", "expected missing, breaching, not_breaching or ignore, got '"
                + text + "'");
    }
}
