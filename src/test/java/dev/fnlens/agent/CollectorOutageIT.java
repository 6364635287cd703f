package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that is down, or that stalls (accepts and never answers), costs the function nothing; what was
 * lost meanwhile is reported once the collector takes data again.
 */
class CollectorOutageIT {
    private static final int INVOCATIONS = 12;
    /** A warm invocation takes milliseconds; waiting on the collector would take its export timeout. */
    private static final long WARM_BOUND_MS = 1_500;

    @TempDir
    Path data;

    @Test
    void collectorDown_invocationsStayFast() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), "http://127.0.0.1:" + closedPort,
                "us-east-1", data.resolve("function-logs"));
        FunctionSpec function = AgentFixture.function("outage-down", "dev.fnlens.agent.functions.EventHandlers::map");
        try (ExecutionEnvironment environment = ExecutionEnvironment.start(function, settings)) {
            assertWarmInvocationsFast(environment);
        }
    }

    @Test
    void collectorStalled_invocationsStayFast_andTheLossIsReportedWhenItRecovers() throws Exception {
        try (AgentFixture fixture = AgentFixture.start(data)) {
            FunctionSpec function = AgentFixture.function("outage-stall", "dev.fnlens.agent.functions.EventHandlers::map");
            ExecutionEnvironment environment = fixture.start(function);
            environment.invoke(AgentFixture.utf8("{}"));
            fixture.tap.stall(true);

            assertWarmInvocationsFast(environment);

            fixture.tap.stall(false);
            Thread.sleep(3_000); // the stalled exports time out (export_timeout_ms, 2 s)
            InvocationResult after = environment.invoke(AgentFixture.utf8("{\"after\":true}"));
            RecordedSpan span = fixture.tap.awaitSpan(after.requestId(), Duration.ofSeconds(30));
            RecordedSpan report = fixture.tap.spans().stream()
                    .filter(s -> s.integer("fnlens.agent.dropped_invocations") != null).findFirst().orElseThrow();
            assertThat(report.integer("fnlens.agent.dropped_invocations")).isPositive();
            List<JsonNode> events = fixture.awaitEvents(function, found -> found.stream()
                    .anyMatch(e -> e.path("@message").asText().contains("[fnlens] telemetry lost")));
            assertThat(events).anySatisfy(e -> assertThat(e.path("@message").asText())
                    .contains("\tWARN\t[fnlens] telemetry lost while the collector was unreachable"));
            assertThat(span.string("fnlens.status")).isEqualTo("success");
        }
    }

    private static void assertWarmInvocationsFast(ExecutionEnvironment environment) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < INVOCATIONS; i++) {
            long start = System.nanoTime();
            InvocationResult result = environment.invoke(AgentFixture.utf8("{\"i\":" + i + "}"));
            assertThat(result.failed()).as(result.payloadText()).isFalse();
            if (i > 0) {
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(WARM_BOUND_MS));
        assertThat(millis.stream().sorted().toList().get(millis.size() / 2)).as("median").isLessThan(200L);
    }
}
