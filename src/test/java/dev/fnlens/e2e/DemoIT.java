package dev.fnlens.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.demo.Demo;
import dev.fnlens.testing.CollectorApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fnlens demo} fills the collector with the example functions' invocations, failures included. */
class DemoIT {
    @TempDir
    Path data;

    @Test
    void demo_showsTheExampleFunctions_withSomeFailures_andStopsEveryJvmItStarted() throws Exception {
        Demo demo = Demo.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0), 0);
        try {
            CollectorApi api = new CollectorApi(demo.httpPort());

            for (String function : List.of("hello", "checkout", "thumbnail", "order-queue", "report")) {
                List<JsonNode> reports = api.awaitEvents("/aws/lambda/" + function, "REPORT",
                        found -> !found.isEmpty(), Duration.ofSeconds(90));
                assertThat(reports).as("REPORT lines of %s", function).isNotEmpty();
            }
            List<JsonNode> failures = api.awaitEvents("/aws/lambda/checkout", "IllegalArgumentException",
                    found -> !found.isEmpty(), Duration.ofSeconds(60));
            assertThat(failures).as("rejected orders").isNotEmpty();
        } finally {
            demo.close();
        }

        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("AWSLambda")).toList())
                .as("function JVMs left running").isEmpty();
    }
}
