package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.OrderHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under the official AWS Lambda Java runtime interface client, laid out as
 * on Lambda: the runtime on the class path, the function's classes in the task root,
 * loaded by the client's own class loader and invoked reflectively.
 */
class RuntimeInterfaceClientIT {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private static final String LOG_STREAM = "2026/01/02/[$LATEST]0123456789abcdef0123456789abcdef";

    @TempDir
    Path workDir;

    @Test
    void handlerRunByTheRuntimeClient_isRecordedOncePerInvocation() throws Exception {
        // the client's class loader reads the function from its working directory, /var/task on Lambda
        Path taskRoot = workDir;
        Path handlerClass = taskRoot.resolve(OrderHandler.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(handlerClass.getParent());
        Files.copy(Path.of(ChildJvm.classpathEntry("test-classes"))
                .resolve(OrderHandler.class.getName().replace('.', '/') + ".class"), handlerClass);
        try (FakeCollector collector = FakeCollector.answering(200);
             FakeRuntimeApi runtimeApi = new FakeRuntimeApi(ARN)) {
            runtimeApi.enqueue("ric-1", "{\"id\":\"o-1\",\"items\":2}")
                    .enqueue("ric-2", "{\"id\":\"o-2\",\"items\":0}")
                    .enqueue("ric-3", "{\"id\":\"o-3\",\"items\":1}");

            ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                    .withoutTestClasses()
                    .classpath("aws-lambda-java-runtime-interface-client")
                    .classpath("aws-lambda-java-serialization")
                    .classpath("utils-lite")
                    .classpath("annotations-")
                    .env("FNLENS_ENDPOINT", collector.endpoint())
                    .env("AWS_LAMBDA_RUNTIME_API", runtimeApi.address())
                    .env("LAMBDA_TASK_ROOT", taskRoot.toString())
                    .env("_HANDLER", OrderHandler.class.getName() + "::handleRequest")
                    .env("AWS_LAMBDA_FUNCTION_NAME", "orders")
                    .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                    .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                    .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders")
                    .env("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM)
                    .env("AWS_REGION", "us-east-1")
                    .env("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
                    .env("FNLENS_DEBUG", "true")
                    .run(workDir, 60, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                            OrderHandler.class.getName() + "::handleRequest");

            // the runtime client did its job: two responses, one error, then a normal exit on "no more events"
            assertThat(result.stderr()).as(result.describe()).contains("Failed to get next")
                    .doesNotContain("fatal error");
            assertThat(result.stderr()).as("the client's classes were rewritten ahead, off the main thread")
                    .contains("hooked com/amazonaws/services/lambda/runtime/api/client/runtimeapi/"
                            + "LambdaRuntimeApiClientImpl (prepared)")
                    .contains("hooked com/amazonaws/services/lambda/runtime/api/client/logging/"
                            + "AbstractLambdaLogger (prepared)");
            assertThat(result.stderr()).as("no class seen while the runtime client sets up its serializers")
                    .contains("transformer paused while the runtime sets up");
            assertThat(runtimeApi.responses()).as(result.describe()).containsOnlyKeys("ric-1", "ric-3");
            assertThat(runtimeApi.responses().get("ric-1")).contains("\"accepted\":true").contains("ric-1");
            assertThat(runtimeApi.errors()).containsOnlyKeys("ric-2");
            assertThat(runtimeApi.errors().get("ric-2"))
                    .contains("java.lang.IllegalArgumentException").contains("order o-2 has no items");

            List<ReceivedSpan> spans = collector.awaitSpans(3, Duration.ofSeconds(5));
            assertThat(spans).as(result.describe()).hasSize(3);
            assertThat(spans).extracting(ReceivedSpan::requestId).containsExactlyInAnyOrder("ric-1", "ric-2", "ric-3");
            assertThat(spans).allSatisfy(s -> {
                assertThat(s.span().getName()).isEqualTo("orders");
                assertThat(s.attribute("cloud.resource_id").getStringValue()).isEqualTo(ARN);
                assertThat(s.attribute("fnlens.memory_size_mb").getIntValue()).isEqualTo(512);
                assertThat(s.resourceAttribute("faas.instance").getStringValue()).isEqualTo(LOG_STREAM);
                assertThat(s.resourceAttribute("fnlens.log_group").getStringValue()).isEqualTo("/aws/lambda/orders");
                assertThat(s.resourceAttribute("cloud.region").getStringValue()).isEqualTo("us-east-1");
            });
            ReceivedSpan first = spans.stream().filter(s -> s.requestId().equals("ric-1")).findFirst().orElseThrow();
            assertThat(first.attribute("faas.coldstart").getBoolValue()).isTrue();
            assertThat(first.has("fnlens.init_duration_ms")).isTrue();
            assertThat(spans).filteredOn(s -> s != first)
                    .allSatisfy(s -> assertThat(s.attribute("faas.coldstart").getBoolValue()).isFalse());
            ReceivedSpan failed = spans.stream().filter(s -> s.requestId().equals("ric-2")).findFirst().orElseThrow();
            assertThat(failed.attribute("fnlens.status").getStringValue()).isEqualTo("error");
            assertThat(failed.span().getEventsList()).singleElement()
                    .satisfies(e -> assertThat(e.getName()).isEqualTo("exception"));
        }
    }
}
