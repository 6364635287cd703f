package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exception and a timeout, as the collector shows them, with the span attributes behind the lines. */
class OutcomesIT {
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
    void anException_isAnErrorLine_inLambdasErrorShape() throws Exception {
        FunctionSpec function = AgentFixture.function("outcome-fail", "dev.fnlens.agent.functions.OutcomeHandlers::fail");
        ExecutionEnvironment environment = fixture.start(function);
        InvocationResult result = environment.invoke(AgentFixture.utf8("{\"orderId\":\"o-13\"}"));
        assertThat(result.failed()).isTrue();
        assertThat(result.payloadText()).contains("order o-13 cannot be paid");

        List<JsonNode> events = fixture.awaitEvents(function,
                found -> AgentFixture.lines(found, result.requestId()).stream().anyMatch(m -> m.startsWith("REPORT")));
        assertThat(AgentFixture.lines(events, result.requestId())).anySatisfy(line -> assertThat(line)
                .contains("\tERROR\t{\"errorType\":\"java.lang.IllegalStateException\"")
                .contains("\"errorMessage\":\"order o-13 cannot be paid\"")
                .contains("\"stackTrace\":[\"dev.fnlens.agent.functions.OutcomeHandlers.fail(OutcomeHandlers.java"));
        RecordedSpan span = fixture.tap.awaitSpan(result.requestId(), Duration.ofSeconds(30));
        assertThat(span.string("fnlens.status")).isEqualTo("error");
    }

    @Test
    void aTimeout_isShippedBeforeTheEnvironmentIsKilled() throws Exception {
        FunctionSpec function = AgentFixture.function("outcome-timeout",
                "dev.fnlens.agent.functions.OutcomeHandlers::sleep").withTimeoutSeconds(3);
        ExecutionEnvironment environment = fixture.start(function);
        // a warm environment: the timeout is the only thing going on
        InvocationResult warm = environment.invoke(AgentFixture.utf8("{\"ms\":1}"));
        assertThat(warm.failed()).as(warm.payloadText()).isFalse();

        InvocationResult result = environment.invoke(AgentFixture.utf8("{\"ms\":20000}"));

        assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(environment.isAlive()).as("the local runtime killed the environment").isFalse();
        List<JsonNode> events = fixture.awaitEvents(function, found -> AgentFixture.lines(found, result.requestId())
                .stream().anyMatch(m -> m.contains("Task timed out")));
        assertThat(AgentFixture.lines(events, result.requestId()))
                .anySatisfy(m -> assertThat(m).endsWith(result.requestId() + " Task timed out after 3.00 seconds"))
                .anySatisfy(m -> assertThat(m).startsWith("REPORT RequestId: " + result.requestId()))
                .anySatisfy(m -> assertThat(m).contains("\tINFO\tsleeping 20000 ms"));
        RecordedSpan span = fixture.tap.awaitSpan(result.requestId(), Duration.ofSeconds(5));
        assertThat(span.string("fnlens.status")).isEqualTo("timeout");
        assertThat(span.integer("fnlens.timeout_seconds")).isEqualTo(3);
        assertThat(span.number("fnlens.duration_ms")).isBetween(2_000.0, 3_000.0);
    }
}
