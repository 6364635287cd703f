package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.testfn.InvokeHandlersMain;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken collector must not hurt the function: handlers return their results and
 * throw their own exceptions unchanged, at normal speed, the JVM exits promptly, and
 * the agent says nothing on the function's stderr. Default timeouts throughout
 * (2 s per export, 3 s shutdown flush), so these bounds are the ones users get.
 */
class AgentResilienceIT {
    private static final int BURST = 20;
    /** 20 trivial invocations take milliseconds; blocking on even one export would take 2 s. */
    private static final long BURST_BOUND_MS = AgentConfig.DEFAULT_EXPORT_TIMEOUT_MS;
    /** JVM start and exit plus the bounded flush, with generous slack for a busy 2-core machine. */
    private static final long EXIT_BOUND_MS = AgentConfig.DEFAULT_FLUSH_TIMEOUT_MS + 7_000;

    @TempDir
    Path workDir;

    @Test
    void collectorAnswering500_doesNotAffectTheFunction() throws Exception {
        try (FakeCollector collector = FakeCollector.answering(500)) {
            ChildJvm.Result result = runFunction(collector.endpoint());

            assertFunctionUnaffected(result);
            assertThat(collector.requestCount()).as("the agent did try").isPositive();
        }
    }

    @Test
    void collectorNotListening_doesNotAffectTheFunction() throws Exception {
        assertFunctionUnaffected(runFunction(FakeCollector.deadEndpoint()));
    }

    @Test
    void collectorThatNeverAnswers_doesNotAffectTheFunction_andExitIsBounded() throws Exception {
        try (FakeCollector collector = FakeCollector.stalled()) {
            ChildJvm.Result result = runFunction(collector.endpoint());

            assertFunctionUnaffected(result);
            assertThat(collector.requestCount()).as("the agent did connect").isPositive();
        }
    }

    private ChildJvm.Result runFunction(String endpoint) throws Exception {
        return ChildJvm.with(ChildJvm.CURRENT_JAVA)
                .env("FNLENS_ENDPOINT", endpoint)
                .env("AWS_LAMBDA_FUNCTION_NAME", "greeter")
                .run(workDir, 60, InvokeHandlersMain.class.getName(), "result.properties", Integer.toString(BURST));
    }

    private static void assertFunctionUnaffected(ChildJvm.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        Properties seen = result.properties("result.properties");
        // results, and the failing handler's exception as the same object, class and message
        assertThat(seen.getProperty("failures")).isEmpty();
        assertThat(Long.parseLong(seen.getProperty("burstMillis"))).isLessThan(BURST_BOUND_MS);
        assertThat(result.wallMillis()).as(result.describe()).isLessThan(EXIT_BOUND_MS);
        assertThat(result.stderr()).as("nothing from the agent or its SDK in the function's log").isEmpty();
    }
}
