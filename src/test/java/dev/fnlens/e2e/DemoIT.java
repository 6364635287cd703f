package dev.fnlens.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.testing.CollectorApi;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.demo.Demo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fnlens demo} fills the collector with every example function's invocations, failures included. */
class DemoIT {
    @TempDir
    Path data;

    @Test
    void demo_showsEveryFunction_withSomeFailures_andStopsEveryJvmItStarted() throws Exception {
        Demo demo = Demo.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
        try {
            CollectorApi api = new CollectorApi(Integer.parseInt(demo.uiUrl().replaceAll(".*:(\\d+)/?$", "$1")));

            for (String function : List.of("hello", "orders", "report")) {
                List<JsonNode> reports = api.awaitEvents("/aws/lambda/" + function, "REPORT",
                        found -> !found.isEmpty(), Duration.ofSeconds(60));
                assertThat(reports).as("REPORT lines of %s", function).isNotEmpty();
            }
            List<JsonNode> failures = api.awaitEvents("/aws/lambda/orders", "IllegalArgumentException",
                    found -> !found.isEmpty(), Duration.ofSeconds(60));
            assertThat(failures).as("failed orders").isNotEmpty();
        } finally {
            demo.close();
        }

        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("AWSLambda")).toList())
                .as("function JVMs left running").isEmpty();
    }
}
