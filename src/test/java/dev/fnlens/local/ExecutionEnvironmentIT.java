package dev.fnlens.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local runtime drives real handlers through the AWS Lambda runtime interface client. */
class ExecutionEnvironmentIT {
    static final Path EXAMPLES = Path.of("target", "fnlens-examples.jar");

    @TempDir
    Path work;

    @Test
    void invoke_runsHandlerThroughRuntimeClient_andReusesTheEnvironment() throws Exception {
        FunctionSpec hello = new FunctionSpec("hello", "dev.fnlens.examples.HelloHandler::handleRequest",
                List.of(EXAMPLES), 256, 20, Map.of());
        try (var env = ExecutionEnvironment.start(hello, settings())) {
            InvocationResult first = env.invoke(utf8("{\"name\":\"Ada\"}"));
            InvocationResult second = env.invoke(utf8("{}"));

            assertThat(first.failed()).isFalse();
            assertThat(first.payloadText()).contains("\"statusCode\":200")
                    .contains("Hello, Ada! Welcome to AWS Lambda.");
            assertThat(second.payloadText()).contains("Hello, World! Welcome to AWS Lambda.");
            assertThat(env.isAlive()).isTrue();
        }
    }

    @Test
    void invoke_returnsTheLambdaErrorDocument_whenTheHandlerThrows() throws Exception {
        FunctionSpec orders = new FunctionSpec("orders", "dev.fnlens.examples.OrderHandler::handleRequest",
                List.of(EXAMPLES), 256, 20, Map.of());
        try (var env = ExecutionEnvironment.start(orders, settings())) {
            InvocationResult result = env.invoke(utf8("{\"orderId\":\"o-7\",\"quantity\":0,\"unitPrice\":3}"));

            assertThat(result.failed()).isTrue();
            assertThat(result.payloadText()).contains("\"errorType\":\"java.lang.IllegalArgumentException\"")
                    .contains("Order o-7 has no items");
        }
    }

    @Test
    void invoke_endsTheEnvironment_whenTheFunctionRunsPastItsTimeout() throws Exception {
        FunctionSpec report = new FunctionSpec("report", "dev.fnlens.examples.ReportGenerator::handleRequest",
                List.of(EXAMPLES), 256, 1, Map.of());
        try (var env = ExecutionEnvironment.start(report, settings())) {
            InvocationResult result = env.invoke(utf8("{\"rows\":100000}"));

            assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(result.payloadText()).contains("Task timed out after 1.00 seconds");
            assertThat(env.isAlive()).isFalse();
        }
    }

    private RuntimeSettings settings() {
        return new RuntimeSettings(RuntimeFiles.locate(work), null, "us-east-1", work.resolve("logs"),
                RuntimeSettings.currentJava());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
