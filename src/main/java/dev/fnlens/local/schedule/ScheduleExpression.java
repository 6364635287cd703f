package dev.fnlens.local.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, in UTC: {@code rate(5 minutes)} or
 * {@code cron(minutes hours day-of-month month day-of-week year)}.
 */
public sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}. */
    Instant nextAfter(Instant after);

    static ScheduleExpression parse(String expression) {
        String text = expression.trim();
        Matcher rate = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)").matcher(text);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            String unit = rate.group(2);
            if (value < 1) {
                throw new IllegalArgumentException("rate must be at least 1, was '" + text + "'");
            }
            if (value == 1 != !unit.endsWith("s")) {
                throw new IllegalArgumentException("use '" + value + " " + (value == 1 ? unit.replaceAll("s$", "") : unit + "s")
                        + "' in '" + text + "', as EventBridge requires");
            }
            ChronoUnit chrono = unit.startsWith("minute") ? ChronoUnit.MINUTES : unit.startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new Rate(Duration.of(value, chrono));
        }
        Matcher cron = Pattern.compile("cron\\((.*)\\)").matcher(text);
        if (cron.matches()) {
            return Cron.parse(cron.group(1).trim());
        }
        throw new IllegalArgumentException("'" + text + "' is not a schedule expression: use rate(...) or cron(...)");
    }

    /** Fires every period, counted from when the schedule starts. */
    record Rate(Duration period) implements ScheduleExpression {
        @Override
        public Instant nextAfter(Instant after) {
            return after.plus(period);
        }
    }

    /** Six fields, minute precision, as EventBridge evaluates them. */
    record Cron(CronField minutes, CronField hours, CronField daysOfMonth, CronField months, CronField daysOfWeek,
                CronField years) implements ScheduleExpression {

        static Cron parse(String fields) {
            String[] f = fields.toUpperCase(Locale.ROOT).split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year), got "
                        + f.length + " in 'cron(" + fields + ")'");
            }
            if (!f[2].equals("?") && !f[4].equals("?")) {
                throw new IllegalArgumentException("cron: one of day-of-month and day-of-week must be '?', in 'cron(" + fields + ")'");
            }
            return new Cron(CronField.parse("minutes", f[0], 0, 59), CronField.parse("hours", f[1], 0, 23),
                    CronField.parse("day-of-month", f[2], 1, 31), CronField.parse("month", f[3], 1, 12),
                    CronField.parse("day-of-week", f[4], 1, 7), CronField.parse("year", f[5], 1970, 2199));
        }

        @Override
        public Instant nextAfter(Instant after) {
            ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            ZonedDateTime limit = t.plusYears(5);
            while (t.isBefore(limit)) {
                if (!years.matches(t.getYear()) || !months.matches(t.getMonthValue())) {
                    t = t.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
                } else if (!daysOfMonth.matches(t.getDayOfMonth())
                        || !daysOfWeek.matches(t.getDayOfWeek().getValue() % 7 + 1)) { // EventBridge: 1 = Sunday
                    t = t.plusDays(1).withHour(0).withMinute(0);
                } else if (!hours.matches(t.getHour())) {
                    t = t.plusHours(1).withMinute(0);
                } else if (!minutes.matches(t.getMinute())) {
                    t = t.plusMinutes(1);
                } else {
                    return t.toInstant();
                }
            }
            return Instant.MAX;
        }
    }
}
