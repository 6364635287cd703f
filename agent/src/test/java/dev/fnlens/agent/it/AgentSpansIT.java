package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fnlens.testfn.InvokeHandlersMain;
import dev.fnlens.testfn.TestContext;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent jar attached to a plain JVM that calls handlers directly: one span per
 * invocation reaches a real (fake) collector, with the right attributes and resource.
 */
class AgentSpansIT {
    private static final int INVOCATIONS = 5; // see InvokeHandlersMain

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fnlens.agent.it.ChildJvm#javas")
    void oneSpanPerInvocation_withLambdaAttributes(Path java) throws Exception {
        assumeTrue(Files.isExecutable(java), "skipped: no JVM at " + java + " (Temurin 25 is optional here)");
        try (FakeCollector collector = FakeCollector.answering(200)) {
            // given a function configured the way the Lambda runtime configures it,
            // plus the function's own OTel settings, which must not reach the agent's exporter
            ChildJvm.Result result = ChildJvm.with(java)
                    .agentArgs("endpoint=" + collector.endpoint() + ",flush_timeout_ms=10000")
                    .env("AWS_LAMBDA_FUNCTION_NAME", "greeter")
                    .env("AWS_LAMBDA_FUNCTION_VERSION", "7")
                    .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
                    .env("AWS_REGION", "eu-west-1")
                    .env("OTEL_SDK_DISABLED", "true")
                    .env("OTEL_TRACES_EXPORTER", "none")
                    .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
                    .env("OTEL_SERVICE_NAME", "not-the-function")
                    .run(workDir, 60, InvokeHandlersMain.class.getName(), "result.properties", "0");

            // when the process has exited, its shutdown flush is done
            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.properties("result.properties").getProperty("failures")).isEmpty();
            assertThat(result.stderr()).as("the agent is silent on the function's stderr").isEmpty();
            List<ReceivedSpan> spans = collector.awaitSpans(INVOCATIONS, Duration.ofSeconds(5));

            // then exactly one span per invocation
            assertThat(spans).hasSize(INVOCATIONS);
            Map<String, ReceivedSpan> byId = spans.stream()
                    .filter(s -> s.requestId().startsWith("req-"))
                    .collect(Collectors.toMap(ReceivedSpan::requestId, Function.identity()));
            assertThat(byId).containsOnlyKeys("req-1", "req-2", "req-3", "req-4");
            ReceivedSpan noContext = spans.stream().filter(s -> !s.requestId().startsWith("req-")).findFirst()
                    .orElseThrow();
            assertThat(noContext.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(noContext.has("cloud.resource_id")).isFalse();

            for (ReceivedSpan s : spans) {
                assertThat(s.span().getName()).isEqualTo("greeter");
                assertThat(s.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
                assertThat(s.scope().getName()).isEqualTo("dev.fnlens.agent");
                assertThat(s.attribute("faas.trigger").getStringValue()).isEqualTo("other");
                assertThat(s.attribute("fnlens.memory_size_mb").getIntValue()).isEqualTo(256);
                assertThat(s.attribute("fnlens.max_memory_used_mb").getIntValue()).isPositive();
                double duration = s.attribute("fnlens.duration_ms").getDoubleValue();
                assertThat(duration).isGreaterThanOrEqualTo(0).isEqualTo(Math.round(duration * 100) / 100.0);
                assertThat(s.attribute("fnlens.billed_duration_ms").getIntValue())
                        .isEqualTo(Math.max(1, (long) Math.ceil(duration)));
                long spanNanos = s.span().getEndTimeUnixNano() - s.span().getStartTimeUnixNano();
                assertThat(Math.abs(spanNanos / 1e6 - duration)).isLessThan(0.01);
                assertResource(s);
            }

            // cold start: only the first invocation of the JVM, with its init duration
            ReceivedSpan first = byId.get("req-1");
            assertThat(first.attribute("faas.coldstart").getBoolValue()).isTrue();
            assertThat(first.attribute("fnlens.init_duration_ms").getDoubleValue()).isBetween(1.0, 60_000.0);
            assertThat(spans.stream().filter(s -> s != first))
                    .allSatisfy(s -> {
                        assertThat(s.attribute("faas.coldstart").getBoolValue()).isFalse();
                        assertThat(s.has("fnlens.init_duration_ms")).isFalse();
                    });
            assertThat(first.attribute("cloud.resource_id").getStringValue()).isEqualTo(TestContext.ARN);

            // success and error
            assertThat(Stream.of("req-1", "req-2", "req-3").map(byId::get)).allSatisfy(s -> {
                assertThat(s.attribute("fnlens.status").getStringValue()).isEqualTo("success");
                assertThat(s.span().getEventsList()).isEmpty();
                assertThat(s.span().getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            });
            ReceivedSpan failed = byId.get("req-4");
            assertThat(failed.attribute("fnlens.status").getStringValue()).isEqualTo("error");
            assertThat(failed.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(failed.span().getEventsList()).singleElement().satisfies(event -> {
                assertThat(event.getName()).isEqualTo("exception");
                Map<String, String> attributes = event.getAttributesList().stream().collect(
                        Collectors.toMap(kv -> kv.getKey(), kv -> kv.getValue().getStringValue()));
                assertThat(attributes).containsEntry("exception.type", "java.lang.IllegalStateException")
                        .containsEntry("exception.message", "boom: x");
                assertThat(attributes.get("exception.stacktrace"))
                        .startsWith("java.lang.IllegalStateException: boom: x")
                        .contains("at dev.fnlens.testfn.FailingHandler.handleRequest(FailingHandler.java:");
            });
        }
    }

    private static void assertResource(ReceivedSpan s) {
        assertThat(s.resourceAttribute("service.name").getStringValue()).isEqualTo("greeter");
        assertThat(s.resourceAttribute("faas.name").getStringValue()).isEqualTo("greeter");
        assertThat(s.resourceAttribute("faas.version").getStringValue()).isEqualTo("7");
        assertThat(s.resourceAttribute("faas.instance").getStringValue())
                .matches("\\d{4}/\\d{2}/\\d{2}/\\[7\\][0-9a-f]{32}");
        assertThat(s.resourceAttribute("faas.max_memory").getIntValue()).isEqualTo(256L * 1024 * 1024);
        assertThat(s.resourceAttribute("cloud.provider").getStringValue()).isEqualTo("aws");
        assertThat(s.resourceAttribute("cloud.platform").getStringValue()).isEqualTo("aws_lambda");
        assertThat(s.resourceAttribute("cloud.region").getStringValue()).isEqualTo("eu-west-1");
        assertThat(s.resourceAttribute("fnlens.log_group").getStringValue()).isEqualTo("/aws/lambda/greeter");
    }

    @Test
    void withoutConfiguration_namesTheFunctionAfterTheFirstHandler_andUsesDefaults() throws Exception {
        try (FakeCollector collector = FakeCollector.answering(200)) {
            ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                    .env("FNLENS_ENDPOINT", collector.endpoint())
                    .run(workDir, 60, InvokeHandlersMain.class.getName(), "result.properties", "0");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<ReceivedSpan> spans = collector.awaitSpans(INVOCATIONS, Duration.ofSeconds(5));
            assertThat(spans).hasSize(INVOCATIONS);
            ReceivedSpan first = spans.stream().filter(s -> s.requestId().equals("req-1")).findFirst().orElseThrow();
            assertThat(first.span().getName()).isEqualTo("GreetingHandler");
            assertThat(first.resourceAttribute("service.name").getStringValue()).isEqualTo("GreetingHandler");
            assertThat(first.resourceAttribute("faas.version").getStringValue()).isEqualTo("$LATEST");
            assertThat(first.resourceAttribute("faas.instance").getStringValue())
                    .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}");
            assertThat(first.resourceAttribute("fnlens.log_group").getStringValue())
                    .isEqualTo("/aws/lambda/GreetingHandler");
            assertThat(first.resourceAttribute("faas.max_memory").getIntValue()).isEqualTo(128L * 1024 * 1024);
            assertThat(first.resourceHas("cloud.region")).isFalse();
            assertThat(spans).filteredOn(s -> s.requestId().equals("req-3")).singleElement()
                    .satisfies(s -> assertThat(s.span().getName()).as("one JVM, one function").isEqualTo("GreetingHandler"));
        }
    }

    @Test
    void gzipAndToken_reachTheCollector() throws Exception {
        try (FakeCollector collector = FakeCollector.answering(200)) {
            ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                    .env("FNLENS_ENDPOINT", collector.endpoint())
                    .env("FNLENS_COMPRESSION", "gzip")
                    .env("FNLENS_TOKEN", "ingest-token")
                    .run(workDir, 60, InvokeHandlersMain.class.getName(), "result.properties", "0");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(collector.awaitSpans(INVOCATIONS, Duration.ofSeconds(5))).hasSize(INVOCATIONS);
            assertThat(collector.gzipRequestCount()).isEqualTo(collector.requestCount()).isPositive();
            assertThat(collector.authorizations()).isNotEmpty().allMatch("Bearer ingest-token"::equals);
        }
    }
}
