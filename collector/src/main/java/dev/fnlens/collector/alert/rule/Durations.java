package dev.fnlens.collector.alert.rule;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rules write them, Prometheus style: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 4h},
 * {@code 1d}, {@code 1w} and combinations in decreasing order ({@code 1h30m}). A bare number is seconds.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
    private static final String[] UNITS = {"w", "d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {
    }

    /**
     * @throws InvalidRuleException naming {@code field} when the text is not a duration
     */
    public static Duration parse(String text, String field) {
        String s = text == null ? "" : text.strip();
        if (s.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        Matcher m = PART.matcher(s);
        long total = 0;
        int at = 0;
        int lastUnit = -1;
        while (at < s.length() && m.find(at) && m.start() == at) {
            int unit = unitIndex(m.group(2));
            if (unit <= lastUnit || m.group(1).length() > 9) {
                break;
            }
            lastUnit = unit;
            total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), MILLIS[unit]));
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new InvalidRuleException(field, "expected a duration such as 30s, 5m, 1h or 1h30m, got '"
                    + (text == null ? "" : text) + "'");
        }
        return Duration.ofMillis(total);
    }

    /** The shortest text that {@link #parse} reads back as the same duration: {@code 1h30m}, {@code 0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            long n = ms / MILLIS[i];
            if (n > 0) {
                text.append(n).append(UNITS[i]);
                ms -= n * MILLIS[i];
            }
        }
        return text.toString();
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalArgumentException(unit);
    }
}
