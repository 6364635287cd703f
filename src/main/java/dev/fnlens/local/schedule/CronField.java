package dev.fnlens.local.schedule;

import java.util.BitSet;
import java.util.List;

/** One field of a cron expression: {@code *}, {@code ?}, values, ranges, steps and lists; month and day names. */
public record CronField(BitSet allowed) {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    public boolean matches(int value) {
        return allowed.get(value);
    }

    static CronField parse(String name, String text, int min, int max) {
        BitSet allowed = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(name, part.substring(slash + 1), 1, max);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = value(name, ends[0], min, max);
                to = value(name, ends[1], min, max);
            } else {
                from = value(name, range, min, max);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("cron " + name + ": range " + range + " runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                allowed.set(v);
            }
        }
        return new CronField(allowed);
    }

    private static int value(String name, String token, int min, int max) {
        if (name.equals("month") && MONTHS.contains(token)) {
            return MONTHS.indexOf(token) + 1;
        }
        if (name.equals("day-of-week") && DAYS.contains(token)) {
            return DAYS.indexOf(token) + 1;
        }
        return number(name, token, min, max);
    }

    private static int number(String name, String token, int min, int max) {
        try {
            int n = Integer.parseInt(token);
            if (n < min || n > max) {
                throw new IllegalArgumentException("cron " + name + ": " + n + " is outside " + min + "-" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron " + name + ": '" + token + "' is not supported locally"
                    + " (use numbers, names, *, ?, ranges, steps and lists)");
        }
    }
}
