package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How answer values are written: like CloudWatch, numbers without ".0" noise, timestamps in UTC with millis. */
class ResultFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.28E8, 128000000",
            "102.25, 102.25",
            "1.0E-7, 0.0000001",
            "-0.5, -0.5",
            "3.0, 3",
            "1.0E20, 100000000000000000000"})
    void doubles(double value, String text) {
        assertThat(Answers.eval("x", MapEvent.of("x", value))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"9223372036854775807", "-42", "0"})
    void longsExactly(long value) {
        assertThat(Answers.eval("x", MapEvent.of("x", value))).isEqualTo(Long.toString(value));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 1970-01-01 00:00:00.000",
            "1714557600123, 2024-05-01 10:00:00.123",
            "-1, 1969-12-31 23:59:59.999"})
    void timestamps(long millis, String text) {
        assertThat(Answers.eval("@timestamp", MapEvent.of("@timestamp", millis))).isEqualTo(text);
        assertThat(Answers.eval("fromMillis(x)", MapEvent.of("x", millis))).isEqualTo(text);
        assertThat(Answers.eval("x", MapEvent.of("x", millis))).isEqualTo(Long.toString(millis));
    }
}
