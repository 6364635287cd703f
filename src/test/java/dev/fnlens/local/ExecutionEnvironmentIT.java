package dev.fnlens.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The local runtime drives real handlers through the AWS Lambda runtime interface client. */
class ExecutionEnvironmentIT {
    static final Path EXAMPLES = Path.of("target", "fnlens-examples.jar");

    @TempDir
    Path work;

    @Test
    void invoke_runsHandlerThroughRuntimeClient_andReusesTheEnvironment() throws Exception {
        FunctionSpec hello = FunctionSpec.of("hello", "dev.fnlens.examples.HelloHandler::handleRequest", EXAMPLES)
                .withMemoryMb(256).withTimeoutSeconds(20);
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
        FunctionSpec orders = FunctionSpec.of("orders", "dev.fnlens.examples.OrderHandler::handleRequest", EXAMPLES)
                .withMemoryMb(256).withTimeoutSeconds(20);
        try (var env = ExecutionEnvironment.start(orders, settings())) {
            InvocationResult result = env.invoke(utf8("{\"orderId\":\"o-7\",\"quantity\":0,\"unitPrice\":3}"));

            assertThat(result.failed()).isTrue();
            assertThat(result.payloadText()).contains("\"errorType\":\"java.lang.IllegalArgumentException\"")
                    .contains("Order o-7 has no items");
        }
    }

    @Test
    void invoke_endsTheEnvironment_whenTheFunctionRunsPastItsTimeout() throws Exception {
        FunctionSpec report = FunctionSpec.of("report", "dev.fnlens.examples.ReportGenerator::handleRequest", EXAMPLES)
                .withMemoryMb(256).withTimeoutSeconds(1);
        try (var env = ExecutionEnvironment.start(report, settings())) {
            InvocationResult result = env.invoke(utf8("{\"rows\":100000}"));

            assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(result.payloadText()).contains("Task timed out after 1.00 seconds");
            assertThat(env.isAlive()).isFalse();
        }
    }

    private RuntimeSettings settings() {
        return new RuntimeSettings(RuntimeFiles.locate(work), null, "us-east-1", work.resolve("logs"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
