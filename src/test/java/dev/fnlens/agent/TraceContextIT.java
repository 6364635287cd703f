package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invocation caused by another continues its trace: W3C traceparent in the event, or Lambda's X-Ray header. */
class TraceContextIT {
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
    void traceparentHeader_ofAnApiGatewayRequest_isTheParent() throws Exception {
        RecordedSpan span = invoke("apiRest", AgentFixture.resource("apigw-rest.json"), null);

        assertThat(span.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.parentSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void traceparentAttribute_ofTheOnlySqsMessage_isTheParent_andABatchLinksEachMessage() throws Exception {
        RecordedSpan single = invoke("sqs", AgentFixture.resource("sqs-single.json"), null);
        assertThat(single.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(single.parentSpanId()).isEqualTo("00f067aa0ba902b7");

        RecordedSpan batch = invoke("sqs", AgentFixture.resource("sqs.json"), null);
        assertThat(batch.linkedTraceIds()).contains("4bf92f3577b34da6a3ce929d0e0e4736",
                "5759e988bd862e3fe1be46a994272793");
    }

    @Test
    void xRayHeader_fromTheRuntime_continuesTheCallersTrace() throws Exception {
        RecordedSpan span = invoke("map", "{\"orderId\":\"o-1\"}",
                "Root=1-67891233-abcdef012345678912345678;Parent=463ac35c9f6413ad;Sampled=1");

        assertThat(span.traceId()).isEqualTo("67891233abcdef012345678912345678");
        assertThat(span.parentSpanId()).isEqualTo("463ac35c9f6413ad");
    }

    private RecordedSpan invoke(String method, String event, String traceHeader) throws Exception {
        FunctionSpec function = AgentFixture.function("trace-" + method,
                "dev.fnlens.agent.functions.EventHandlers::" + method);
        ExecutionEnvironment environment = fixture.start(function);
        InvocationResult result = environment.invoke(AgentFixture.utf8(event), traceHeader);
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        RecordedSpan span = fixture.awaitSpan(environment, result.requestId());
        environment.close();
        return span;
    }
}
