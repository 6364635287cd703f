package dev.fnlens.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.testing.CollectorApi;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path: a function JVM with the agent (attached as the local runtime attaches it) runs a handler through
 * the AWS Lambda runtime interface client; the agent ships OTLP to a real collector; its search API answers with the
 * Lambda lines.
 */
class RuntimeClientEndToEndIT {
    @TempDir
    Path data;
    Collector collector;
    CollectorApi api;
    RuntimeSettings settings;

    @BeforeEach
    void startCollector() throws IOException {
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data.resolve("collector"))
                .withOtlpPort(0).withHttpPort(0));
        api = new CollectorApi(collector.httpPort());
        settings = new RuntimeSettings(RuntimeFiles.locate(data), "http://127.0.0.1:" + collector.otlpPort(),
                "us-east-1", data.resolve("function-logs"));
    }

    @AfterEach
    void stopCollector() {
        collector.close();
    }

    @Test
    void everyInvocation_becomesStartEndReport_withInitDurationOnTheColdStartOnly() throws Exception {
        FunctionSpec hello = function("hello", "dev.fnlens.examples.HelloHandler::handleRequest");
        List<String> requestIds = new ArrayList<>();
        try (var environment = ExecutionEnvironment.start(hello, settings)) {
            for (String name : List.of("Ada", "Grace", "Linus")) {
                InvocationResult result = environment.invoke(utf8("{\"name\":\"" + name + "\"}"));
                assertThat(result.payloadText()).contains("Hello, " + name + "! Welcome to AWS Lambda.");
                requestIds.add(result.requestId());
            }
        }

        List<JsonNode> events = api.awaitEvents(hello.logGroup(), "",
                found -> count(found, "REPORT") == 3, Duration.ofSeconds(30));

        assertThat(count(events, "REPORT")).isEqualTo(3);
        for (String id : requestIds) {
            assertThat(linesOf(events, id)).as("lines of %s", id)
                    .anySatisfy(m -> assertThat(m).isEqualTo("START RequestId: " + id + " Version: $LATEST"))
                    .anySatisfy(m -> assertThat(m).isEqualTo("END RequestId: " + id))
                    .anySatisfy(m -> assertThat(m).startsWith("REPORT RequestId: " + id + "\tDuration: "));
        }
        assertThat(report(events, requestIds.get(0))).contains("\tInit Duration: ").contains("\tMemory Size: 256 MB");
        assertThat(report(events, requestIds.get(1))).doesNotContain("Init Duration");
        assertThat(report(events, requestIds.get(2))).doesNotContain("Init Duration");
        assertThat(events).allSatisfy(e -> assertThat(e.path("@logStream").asText()).startsWith(today()));
    }

    @Test
    void aQueueMessage_namesItsTriggerAndContinuesItsTrace_inTheReportLine() throws Exception {
        FunctionSpec hello = function("queue-hello", "dev.fnlens.examples.HelloHandler::handleRequest");
        String event;
        try (var in = getClass().getResourceAsStream("/events/sqs-single.json")) {
            event = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String requestId;
        try (var environment = ExecutionEnvironment.start(hello, settings)) {
            requestId = environment.invoke(utf8(event)).requestId();
        }

        List<JsonNode> events = api.awaitEvents(hello.logGroup(), "",
                found -> count(found, "REPORT") == 1, Duration.ofSeconds(30));

        assertThat(report(events, requestId))
                .contains("\tTrigger: aws:sqs\tTrigger Resource: orders\tBatch Size: 1\t")
                .as("the message's traceparent continues: same trace id, written as X-Ray does")
                .contains("\tXRAY TraceId: 1-4bf92f35-77b34da6a3ce929d0e0e4736\tSegmentId: ");
    }

    @Test
    void aFailingInvocation_addsAnErrorLine_withTheExceptionTypeAndMessage() throws Exception {
        FunctionSpec orders = function("orders", "dev.fnlens.examples.OrderHandler::handleRequest");
        String requestId;
        try (var environment = ExecutionEnvironment.start(orders, settings)) {
            InvocationResult result = environment.invoke(utf8("{\"orderId\":\"o-42\",\"quantity\":0,\"unitPrice\":1}"));
            assertThat(result.failed()).isTrue();
            requestId = result.requestId();
        }

        List<JsonNode> events = api.awaitEvents(orders.logGroup(), "",
                found -> count(found, "REPORT") == 1, Duration.ofSeconds(30));

        assertThat(linesOf(events, requestId))
                .anySatisfy(m -> assertThat(m).contains(requestId + "\tERROR\t")
                        .contains("java.lang.IllegalArgumentException").contains("Order o-42 has no items"));
    }

    private FunctionSpec function(String name, String handler) {
        return FunctionSpec.of(name, handler, Path.of("target", "fnlens-examples.jar"))
                .withMemoryMb(256).withTimeoutSeconds(20);
    }

    private static List<String> linesOf(List<JsonNode> events, String requestId) {
        return events.stream().filter(e -> requestId.equals(e.path("@requestId").asText()))
                .map(e -> e.path("@message").asText()).toList();
    }

    private static String report(List<JsonNode> events, String requestId) {
        return linesOf(events, requestId).stream().filter(m -> m.startsWith("REPORT")).findFirst().orElseThrow();
    }

    private static long count(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("@type").asText())).count();
    }

    private static String today() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/');
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
