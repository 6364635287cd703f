package dev.fnlens.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelSnifferTest {
    @Test
    void levels_fromJsonAndText_elseTheStreamsDefault() {
        assertThat(LevelSniffer.level("{\"level\":\"warn\",\"message\":\"x\"}", "INFO")).isEqualTo("WARN");
        assertThat(LevelSniffer.level("12:00:01.123 [main] ERROR c.Foo - boom", "INFO")).isEqualTo("ERROR");
        assertThat(LevelSniffer.level("SEVERE: disk full", "INFO")).isEqualTo("ERROR");
        assertThat(LevelSniffer.level("[DEBUG] cache miss", "INFO")).isEqualTo("DEBUG");
        assertThat(LevelSniffer.level("Hello world", "INFO")).isEqualTo("INFO");
        assertThat(LevelSniffer.level("Hello world", "ERROR")).isEqualTo("ERROR");
        assertThat(LevelSniffer.level("Informational message", "INFO")).as("whole words only").isEqualTo("INFO");
    }
}
