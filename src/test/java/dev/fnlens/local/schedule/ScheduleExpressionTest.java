package dev.fnlens.local.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleExpressionTest {
    @Test
    void rate_firesEveryPeriod() {
        ScheduleExpression every5 = ScheduleExpression.parse("rate(5 minutes)");
        assertThat(every5.nextAfter(Instant.parse("2026-11-26T10:00:00Z"))).isEqualTo(Instant.parse("2026-11-26T10:05:00Z"));
        assertThat(ScheduleExpression.parse("rate(1 hour)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofHours(1)));
        assertThat(ScheduleExpression.parse("rate(2 days)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofDays(2)));
    }

    @Test
    void rate_wantsEventBridgesSingularAndPlural() {
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)")).hasMessageContaining("'1 minute'");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 minute)")).hasMessageContaining("'5 minutes'");
    }

    @Test
    void cron_nightlyAt3_firesNextAt3Utc() {
        ScheduleExpression nightly = ScheduleExpression.parse("cron(0 3 * * ? *)");
        assertThat(nightly.nextAfter(Instant.parse("2026-11-26T10:00:00Z"))).isEqualTo(Instant.parse("2026-11-27T03:00:00Z"));
        assertThat(nightly.nextAfter(Instant.parse("2026-11-26T02:59:30Z"))).isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
    }

    @Test
    void cron_supportsStepsListsRangesAndDayNames() {
        // every 15 minutes on weekdays (MON-FRI), 2026-11-28 is a Saturday
        ScheduleExpression weekdays = ScheduleExpression.parse("cron(0/15 9-17 ? * MON-FRI *)");
        assertThat(weekdays.nextAfter(Instant.parse("2026-11-27T17:50:00Z"))).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(weekdays.nextAfter(Instant.parse("2026-11-26T10:01:00Z"))).isEqualTo(Instant.parse("2026-11-26T10:15:00Z"));
        ScheduleExpression firstOfQuarter = ScheduleExpression.parse("cron(30 6 1 JAN,APR,JUL,OCT ? *)");
        assertThat(firstOfQuarter.nextAfter(Instant.parse("2026-11-26T00:00:00Z"))).isEqualTo(Instant.parse("2027-01-01T06:30:00Z"));
    }

    @Test
    void cron_refusesMalformedExpressions() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 3 * * *)")).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 3 * * * *)")).hasMessageContaining("must be '?'");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(61 3 * * ? *)")).hasMessageContaining("outside 0-59");
        assertThatThrownBy(() -> ScheduleExpression.parse("at(2026-01-01T00:00:00)")).hasMessageContaining("not a schedule expression");
    }
}
