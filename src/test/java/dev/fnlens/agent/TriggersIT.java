package dev.fnlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each trigger, from the event Lambda sends (deserialised by the runtime interface client into its
 * aws-lambda-java-events class, or into a Map, or read from a stream), becomes the span's
 * {@code faas.trigger}, {@code fnlens.trigger.source} and the details of its kind.
 */
class TriggersIT {
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

    /** What the span should say; null: the attribute is absent. */
    record Expected(String trigger, String source, String resource, Long batch, String method, String route,
                    Long status, String kind) {
    }

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("apiRest", "apigw-rest.json",
                        new Expected("http", "aws:apigateway", null, null, "GET", "/orders/{id}", 201L, "SERVER")),
                Arguments.of("httpApi", "apigw-http.json",
                        new Expected("http", "aws:apigatewayv2", null, null, "POST", "/items", 202L, "SERVER")),
                Arguments.of("httpApi", "function-url.json",
                        new Expected("http", "aws:lambda:url", null, null, "PUT", null, 202L, "SERVER")),
                Arguments.of("alb", "alb.json",
                        new Expected("http", "aws:elb", "lambda-tg", null, "GET", null, 204L, "SERVER")),
                Arguments.of("s3", "s3.json",
                        new Expected("datasource", "aws:s3", "photo-uploads", 1L, null, null, null, "CONSUMER")),
                Arguments.of("sqs", "sqs.json",
                        new Expected("pubsub", "aws:sqs", "orders", 2L, null, null, null, "CONSUMER")),
                Arguments.of("sns", "sns.json",
                        new Expected("pubsub", "aws:sns", "alerts", 1L, null, null, null, "CONSUMER")),
                Arguments.of("dynamodb", "dynamodb.json",
                        new Expected("datasource", "aws:dynamodb", "Orders", 3L, null, null, null, "CONSUMER")),
                Arguments.of("kinesis", "kinesis.json",
                        new Expected("pubsub", "aws:kinesis", "clicks", 1L, null, null, null, "CONSUMER")),
                Arguments.of("scheduled", "scheduled.json",
                        new Expected("timer", "aws:events", "nightly-cleanup", null, null, null, null, "SERVER")),
                // the same events as a Map<String, Object> handler and a stream handler see them: by their JSON shape
                Arguments.of("map", "sqs.json",
                        new Expected("pubsub", "aws:sqs", "orders", 2L, null, null, null, "CONSUMER")),
                Arguments.of("map", "apigw-http.json",
                        new Expected("http", "aws:apigatewayv2", null, null, "POST", "/items", 200L, "SERVER")),
                Arguments.of("stream", "apigw-rest.json",
                        new Expected("http", "aws:apigateway", null, null, "GET", "/orders/{id}", 200L, "SERVER")),
                Arguments.of("stream", "dynamodb.json",
                        new Expected("datasource", "aws:dynamodb", "Orders", 3L, null, null, null, "CONSUMER")),
                // a direct invoke: no event shape at all
                Arguments.of("map", null, new Expected("other", null, null, null, null, null, null, "SERVER")));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("events")
    void eachEvent_namesItsTrigger(String method, String eventFile, Expected expected) throws Exception {
        FunctionSpec function = AgentFixture.function("triggers-" + method,
                "dev.fnlens.agent.functions.EventHandlers::" + method);
        String event = eventFile == null ? "{\"orderId\":\"o-1\",\"quantity\":2}" : AgentFixture.resource(eventFile);

        ExecutionEnvironment environment = fixture.start(function);
        InvocationResult result = environment.invoke(AgentFixture.utf8(event));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        RecordedSpan span = fixture.awaitSpan(environment, result.requestId());
        environment.close();

        assertThat(span.string("faas.trigger")).isEqualTo(expected.trigger());
        assertThat(span.string("fnlens.trigger.source")).isEqualTo(expected.source());
        assertThat(span.string("fnlens.trigger.resource")).isEqualTo(expected.resource());
        assertThat(span.integer("fnlens.trigger.batch_size")).isEqualTo(expected.batch());
        assertThat(span.string("http.request.method")).isEqualTo(expected.method());
        assertThat(span.string("http.route")).isEqualTo(expected.route());
        assertThat(span.integer("http.response.status_code")).isEqualTo(expected.status());
        assertThat(span.span().getKind().name()).isEqualTo("SPAN_KIND_" + expected.kind());
        if ("aws:sqs".equals(expected.source())) {
            assertThat(span.string("messaging.system")).isEqualTo("aws_sqs");
            assertThat(span.string("messaging.destination.name")).isEqualTo("orders");
        }
    }
}
