package dev.fnlens.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a Log4j 2 stream manager writes inside an appender: direct console output joins the event, nothing else. */
class Log4jHooksTest {
    private final LogQueue queue = new LogQueue(16);

    @BeforeEach
    void install() {
        LogCapture.install(new LogCapture(queue, 1.0));
    }

    @AfterEach
    void uninstall() {
        LogCapture.install(null);
    }

    @Test
    void directConsoleManagers_onlyThose() {
        assertThat(Log4jHooks.isDirectConsole("SYSTEM_OUT.false.true")).isTrue();
        assertThat(Log4jHooks.isDirectConsole("SYSTEM_ERR.false.true")).isTrue();
        assertThat(Log4jHooks.isDirectConsole("SYSTEM_OUT.false.false")).as("through System.out: the tee's").isFalse();
        assertThat(Log4jHooks.isDirectConsole("SYSTEM_OUT.true.false")).as("follow: the tee's").isFalse();
        assertThat(Log4jHooks.isDirectConsole("DefaultConsole-1")).isFalse();
        assertThat(Log4jHooks.isDirectConsole("/var/log/app.true")).isFalse();
        assertThat(Log4jHooks.isDirectConsole(null)).isFalse();
    }

    @Test
    void directConsoleWrite_insideAnAppender_becomesThatEvent_once() {
        byte[] line = "12:00:00.000 WARN  orders - direct line\n".getBytes(StandardCharsets.UTF_8);

        LogHooks.appendEnter(new Event("WARN"), null, "log4j2");
        Log4jHooks.managerWrite(new Manager("SYSTEM_OUT.false.true"), line, 0, line.length);
        Log4jHooks.managerWrite(new Manager("SYSTEM_OUT.false.false"), line, 0, line.length);
        LogHooks.appendExit();

        assertThat(drained()).singleElement().satisfies(e -> {
            assertThat(e.body()).isEqualTo("12:00:00.000 WARN  orders - direct line");
            assertThat(e.level()).isEqualTo("WARN");
            assertThat(e.source()).isEqualTo("log4j2");
        });
    }

    @Test
    void directConsoleWrite_outsideAnAppender_isNotRecorded() {
        byte[] line = "header\n".getBytes(StandardCharsets.UTF_8);

        Log4jHooks.managerWrite(new Manager("SYSTEM_OUT.false.true"), line, 0, line.length);

        assertThat(drained()).isEmpty();
    }

    private List<LogEntry> drained() {
        List<LogEntry> entries = new ArrayList<>();
        queue.drainTo(entries, 16);
        return entries;
    }

    public static final class Manager {
        private final String name;

        Manager(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }
    }

    public static final class Event {
        private final String level;

        Event(String level) {
            this.level = level;
        }

        public String getLevel() {
            return level;
        }
    }
}
