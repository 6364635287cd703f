package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a function logs — System.out/err, LambdaLogger, java.util.logging, Log4j 2, Logback — reaches the
 * collector as that invocation's lines ({@code <ts>\t<request id>\t<LEVEL>\t<text>}), one line per logging
 * event, with its level, and is still printed where it was printed before.
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

    record Run(FunctionSpec function, List<String> lines, String printed) {
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
