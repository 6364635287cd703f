package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent on each Java runtime, and beside a function's own OpenTelemetry SDK and ByteBuddy. */
class RuntimesIT {
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

    @ParameterizedTest
    @ValueSource(strings = {"java17", "java25"})
    void onEachJavaRuntime_invocationsAndLogsArrive(String runtime) throws Exception {
        AgentFixture.assumeInstalled(runtime);
        FunctionSpec function = AgentFixture.function("runtime-" + runtime,
                "dev.fnlens.agent.functions.LoggingHandlers::console").withRuntime(runtime);
        ExecutionEnvironment environment = fixture.start(function);
        InvocationResult result = environment.invoke(AgentFixture.utf8("{}"));
        assertThat(result.failed()).as(result.payloadText()).isFalse();

        RecordedSpan span = fixture.tap.awaitSpan(result.requestId(), Duration.ofSeconds(60));
        assertThat(span.flag("faas.coldstart")).isTrue();
        assertThat(span.resourceString("faas.name")).isEqualTo(function.name());
        assertThat(fixture.appLines(function, result.requestId(), found -> found.size() >= 3))
                .anySatisfy(l -> assertThat(l).endsWith("\tINFO\tplain line from stdout"));
    }

    @Test
    void aFunctionWithItsOwnOpenTelemetryAndByteBuddy_keepsThemWorking() throws Exception {
        FunctionSpec function = AgentFixture.function("bundled-libraries",
                "dev.fnlens.agent.functions.BundledLibrariesHandler::handleRequest", "opentelemetry-", "byte-buddy-");
        ExecutionEnvironment environment = fixture.start(function);
        InvocationResult first = environment.invoke(AgentFixture.utf8("{}"));
        InvocationResult second = environment.invoke(AgentFixture.utf8("{}"));
        assertThat(second.failed()).as(second.payloadText()).isFalse();

        JsonNode answer = new ObjectMapper().readTree(second.payload());
        assertThat(answer.path("ownSpansExported").asInt()).as("its own SDK exported its own spans").isEqualTo(2);
        assertThat(answer.path("byteBuddy").asText()).isEqualTo("made by ByteBuddy");
        assertThat(answer.path("byteBuddyJar").asText()).contains("byte-buddy-1.17.8");
        assertThat(answer.path("otelJar").asText()).contains("opentelemetry-sdk-1.59.0");
        assertThat(answer.path("sdkIsGlobal").asBoolean()).isTrue();
        RecordedSpan span = fixture.tap.awaitSpan(second.requestId(), Duration.ofSeconds(60));
        assertThat(span.resourceString("faas.name")).isEqualTo("bundled-libraries");
        fixture.tap.awaitSpan(first.requestId(), Duration.ofSeconds(5));
        assertThat(fixture.tap.spans()).as("the function's own spans never reach the agent's exporter")
                .noneSatisfy(s -> assertThat(s.span().getName()).isEqualTo("charge card"));
    }
}
