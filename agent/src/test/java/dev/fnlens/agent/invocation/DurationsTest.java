package dev.fnlens.agent.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void millis_hasTwoDecimals_roundingHalfUp() {
        assertThat(Durations.millis(102_250_000)).isEqualTo(102.25);
        assertThat(Durations.millis(102_254_999)).isEqualTo(102.25);
        assertThat(Durations.millis(102_255_000)).isEqualTo(102.26);
        assertThat(Durations.millis(1_999_999_999)).isEqualTo(2000.00);
        assertThat(Durations.millis(4_000)).isEqualTo(0.0);
    }

    @Test
    void billedMillis_roundsTheReportedDurationUp() {
        assertThat(Durations.billedMillis(102_250_000)).isEqualTo(103); // 102.25 ms
        assertThat(Durations.billedMillis(100_000_000)).isEqualTo(100); // 100.00 ms
        assertThat(Durations.billedMillis(100_010_000)).isEqualTo(101); // 100.01 ms
    }

    @Test
    void billedMillis_agreesWithTheTwoDecimalDuration() {
        // 100.004 ms is reported as 100.00, so it is billed as 100, not 101
        assertThat(Durations.millis(100_004_000)).isEqualTo(100.00);
        assertThat(Durations.billedMillis(100_004_000)).isEqualTo(100);
    }

    @Test
    void billedMillis_isAtLeastOneMillisecond() {
        assertThat(Durations.billedMillis(0)).isEqualTo(1);
        assertThat(Durations.billedMillis(-5)).isEqualTo(1);
    }
}
