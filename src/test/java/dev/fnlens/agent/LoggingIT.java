package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a function logs — System.out/err, LambdaLogger, java.util.logging, Log4j 2, Logback — reaches the
 * collector as that invocation's lines ({@code <ts>\t<request id>\t<LEVEL>\t<text>}), one line per logging
 * event, with its level, and is still printed where it was printed before. Log4j 2 printing on a background
 * thread (AsyncAppender, async loggers) or straight to the file descriptor (a direct console) included.
 */
class LoggingIT {
    @TempDir
    static Path data;
    static AgentFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AgentFixture.start(data);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void systemOutAndErr_becomeLines_withSniffedLevels_andJsonKeepsItsFields() throws Exception {
        Run run = run("console");

        assertThat(run.lines()).anySatisfy(l -> assertThat(l).endsWith("\tINFO\tplain line from stdout"))
                .anySatisfy(l -> assertThat(l).endsWith("\tERROR\tproblem line from stderr"))
                .anySatisfy(l -> assertThat(l).endsWith(
                        "\tWARN\t{\"level\":\"WARN\",\"message\":\"json line\",\"orderId\":\"o-7\"}"));
        assertThat(run.printed()).contains("plain line from stdout", "problem line from stderr", "json line");
        List<com.fasterxml.jackson.databind.JsonNode> json = fixture.api.search(run.function().logGroup(), "o-7");
        assertThat(json).anySatisfy(e -> assertThat(e.path("fields").path("orderId").asText()).isEqualTo("o-7"));
    }

    @Test
    void lambdaLogger_linesKeepTheirLevel() throws Exception {
        Run run = run("lambdaLogger");

        assertThat(run.lines()).anySatisfy(l -> assertThat(l).endsWith("\tINFO\tlambda logger line"))
                .anySatisfy(l -> assertThat(l).endsWith("\tWARN\tlambda logger warning"));
        assertThat(run.printed()).contains("lambda logger line", "lambda logger warning");
    }

    @Test
    void javaUtilLogging_oneLinePerRecord_withItsLevel() throws Exception {
        Run run = run("jul");

        assertThat(run.lines()).anySatisfy(l -> assertThat(l).contains("\tINFO\t").contains("jul info line"))
                .anySatisfy(l -> assertThat(l).contains("\tWARN\t").contains("jul warning line"));
        assertThat(run.lines()).as("the two-line SimpleFormatter output is one event")
                .filteredOn(l -> l.contains("jul warning line")).singleElement()
                .satisfies(l -> assertThat(l).contains("LoggingHandlers jul").contains("WARNING: jul warning line"));
        assertThat(run.printed()).contains("jul info line", "jul warning line");
    }

    @Test
    void log4j2_oneLinePerEvent_withItsLevelAndStackTrace() throws Exception {
        Run run = run("log4j", "log4j-");

        assertThat(run.lines()).anySatisfy(l -> assertThat(l).contains("\tINFO\t").endsWith("INFO  orders - log4j info line"))
                .anySatisfy(l -> assertThat(l).contains("\tWARN\t").contains("log4j warning line")
                        .contains("java.lang.IllegalStateException: log4j attached exception"));
        assertThat(run.printed()).contains("log4j info line", "log4j warning line");
    }

    @Test
    void logbackThroughSlf4j_oneLinePerEvent_withItsLevel() throws Exception {
        Run run = run("logback", "logback-", "slf4j-api");

        assertThat(run.lines()).anySatisfy(l -> assertThat(l).contains("\tINFO\t").endsWith("orders - logback info line"))
                .anySatisfy(l -> assertThat(l).contains("\tWARN\t").endsWith("orders - logback warning line"));
        assertThat(run.printed()).contains("logback info line", "logback warning line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java17", "java25"})
    void logbackLoadedWhileTheRuntimeSetsUp_isHookedBeforeTheFirstInvocation(String runtime) throws Exception {
        AgentFixture.assumeInstalled(runtime);
        FunctionSpec function = AgentFixture.function("logs-logback-in-event-" + runtime,
                "dev.fnlens.agent.functions.LogbackInEventHandler", "logback-", "slf4j-api").withRuntime(runtime);
        ExecutionEnvironment environment = fixture.start(function);
        InvocationResult result = environment.invoke(AgentFixture.utf8("{\"id\":\"o-1\"}"));
        assertThat(result.failed()).as(result.payloadText()).isFalse();

        List<String> lines = fixture.appLines(function, result.requestId(), found -> !found.isEmpty());
        assertThat(lines).as("one event, its stack trace included: Logback's appender is hooked").singleElement()
                .satisfies(l -> assertThat(l).contains("\tWARN\t").contains("orders - logback warning line")
                        .contains("java.lang.IllegalStateException: logback attached exception"));
        assertThat(fixture.printed(environment)).as("loaded while the transformer was paused")
                .contains("hooked ch/qos/logback/core/UnsynchronizedAppenderBase (caught up)");
    }

    @Test
    void log4j2AsyncAppender_eachEventOnce_withTheInvocationThatLoggedIt_andItsTime() throws Exception {
        Invocations run = runTwice("log4j-async-appender", Map.of("LOG4J_CONFIGURATION_FILE",
                "log4j2-async-appender.xml"), "log4j-");

        assertThat(run.answer()).isEqualTo("\"first printed by another thread, during the second\"");
        run.assertEachEventOnce_withItsInvocation();
        run.assertHeldEventHasTheTimeItWasLogged();
    }

    @Test
    void log4j2AsyncLoggers_eachEventOnce_withTheInvocationThatLoggedIt_andItsTime() throws Exception {
        Invocations run = runTwice("log4j-async-loggers", Map.of("LOG4J_CONTEXT_SELECTOR",
                "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector"), "log4j-", "disruptor-");

        assertThat(run.answer()).isEqualTo("\"first printed by another thread, during the second\"");
        run.assertEachEventOnce_withItsInvocation();
        run.assertHeldEventHasTheTimeItWasLogged();
    }

    @Test
    void log4j2MixedAsyncLogger_eachEventOnce_withTheInvocationThatLoggedIt_andItsTime() throws Exception {
        Invocations run = runTwice("log4j-async-logger-config", Map.of("LOG4J_CONFIGURATION_FILE",
                "log4j2-async-logger-config.xml"), "log4j-", "disruptor-");

        assertThat(run.answer()).isEqualTo("\"first printed by another thread, during the second\"");
        run.assertEachEventOnce_withItsInvocation();
        run.assertHeldEventHasTheTimeItWasLogged();
    }

    @Test
    void log4j2DirectConsole_eachEventOnce_withItsInvocation_andStillPrinted() throws Exception {
        Invocations run = runTwice("log4j-direct", Map.of("LOG4J_CONFIGURATION_FILE", "log4j2-direct.xml"),
                "log4j-");

        assertThat(run.answer()).isEqualTo("\"first printed by its own thread\"");
        run.assertEachEventOnce_withItsInvocation();
    }

    record Run(FunctionSpec function, List<String> lines, String printed) {
    }

    /** Two invocations of {@code Log4jHandlers.namingTheRequest}, back to back, and everything the function logged. */
    record Invocations(List<String> requestIds, String answer, List<RecordedSpan> spans, List<JsonNode> events,
                       String printed) {
        /** Each invocation's INFO and WARN event: one record each, with that invocation's id and the level; printed once. */
        void assertEachEventOnce_withItsInvocation() {
            for (String id : requestIds) {
                assertThat(messagesContaining("log4j info line of " + id)).singleElement()
                        .satisfies(m -> assertThat(m).contains("\t" + id + "\tINFO\t")
                                .endsWith("INFO  orders - log4j info line of " + id));
                assertThat(messagesContaining("log4j warning line of " + id)).singleElement()
                        .satisfies(m -> assertThat(m).contains("\t" + id + "\tWARN\t")
                                .endsWith("WARN  orders - log4j warning line of " + id));
                assertThat(occurrences(printed, "log4j info line of " + id)).as("printed once").isEqualTo(1);
                assertThat(occurrences(printed, "log4j warning line of " + id)).as("printed once").isEqualTo(1);
            }
        }

        /**
         * The first invocation's INFO event was printed after the second invocation had started; its record
         * keeps the time it was logged, inside the first invocation.
         */
        void assertHeldEventHasTheTimeItWasLogged() {
            JsonNode held = events.stream()
                    .filter(e -> e.path("@message").asText().contains("log4j info line of " + requestIds.get(0)))
                    .findFirst().orElseThrow();
            long millis = Instant.parse(held.path("@timestamp").asText()).toEpochMilli();
            Span first = spans.get(0).span();
            assertThat(millis).isBetween(first.getStartTimeUnixNano() / 1_000_000,
                    (first.getEndTimeUnixNano() + 999_999) / 1_000_000);
        }

        private List<String> messagesContaining(String text) {
            return events.stream().map(e -> e.path("@message").asText()).filter(m -> m.contains(text)).toList();
        }

        private static int occurrences(String haystack, String needle) {
            return haystack.split(Pattern.quote(needle), -1).length - 1;
        }
    }

    /** Invokes {@code Log4jHandlers.namingTheRequest} twice, the second right after the first returned. */
    private Invocations runTwice(String name, Map<String, String> environment, String... libs) throws Exception {
        FunctionSpec function = AgentFixture.function("logs-" + name,
                "dev.fnlens.agent.functions.Log4jHandlers::namingTheRequest", environment, libs);
        ExecutionEnvironment env = fixture.start(function);
        InvocationResult first = env.invoke(AgentFixture.utf8("{}"));
        InvocationResult second = env.invoke(AgentFixture.utf8("{}"));
        assertThat(first.failed()).as(first.payloadText()).isFalse();
        assertThat(second.failed()).as(second.payloadText()).isFalse();
        List<String> ids = List.of(first.requestId(), second.requestId());
        List<JsonNode> events = fixture.awaitEvents(function, found -> ids.stream().allMatch(id ->
                found.stream().filter(e -> e.path("@message").asText().contains(" line of " + id)).count() >= 2));
        List<RecordedSpan> spans = new ArrayList<>();
        for (String id : ids) {
            spans.add(fixture.awaitSpan(env, id));
        }
        return new Invocations(ids, second.payloadText(), spans, events, fixture.printed(env));
    }

    /**
     * Invokes the logging function twice (java.util.logging is bracketed once the function has used it) and
     * returns the second invocation's lines.
     */
    private Run run(String method, String... libs) throws Exception {
        FunctionSpec function = AgentFixture.function("logs-" + method,
                "dev.fnlens.agent.functions.LoggingHandlers::" + method, libs);
        ExecutionEnvironment environment = fixture.start(function);
        environment.invoke(AgentFixture.utf8("{}"));
        Thread.sleep(1_500);
        InvocationResult result = environment.invoke(AgentFixture.utf8("{}"));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        List<String> lines = fixture.appLines(function, result.requestId(), found -> found.size() >= 2);
        return new Run(function, lines, fixture.printed(environment));
    }
}
