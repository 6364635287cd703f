package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fnlens.testfn.InvokeHandlersMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent attached the way docs/agent.md recommends for Lambda, {@code -agentlib:instrument=<jar>=<args>}: the same
 * premain with the same arguments as {@code -javaagent}, without the {@code java.instrument} add-mods that
 * {@code -javaagent} makes the JVM add, which turns off the CDS archive's module graph (a slower start).
 */
class AgentlibAttachIT {
    private static final int INVOCATIONS = 5; // see InvokeHandlersMain

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fnlens.agent.it.ChildJvm#javas")
    void agentlibAttach_recordsEveryInvocation_withItsArguments_andKeepsTheArchivedModuleGraph(Path java)
            throws Exception {
        assumeTrue(Files.isExecutable(java), "skipped: no JVM at " + java + " (Temurin 25 is optional here)");
        Path cdsLog = workDir.resolve("cds.log");
        try (FakeCollector collector = FakeCollector.answering(200)) {
            ChildJvm.Result result = ChildJvm.with(java)
                    .viaAgentlib()
                    .agentArgs("endpoint=" + collector.endpoint() + ",function_name=attached,flush_timeout_ms=10000")
                    .jvmArg("-Xlog:cds=info:file=" + cdsLog)
                    .run(workDir, 60, InvokeHandlersMain.class.getName(), "result.properties", "0");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.properties("result.properties").getProperty("failures")).isEmpty();
            assertThat(result.stderr()).as("the agent is silent on the function's stderr").isEmpty();
            List<ReceivedSpan> spans = collector.awaitSpans(INVOCATIONS, Duration.ofSeconds(5));
            assertThat(spans).as("one span per invocation").hasSize(INVOCATIONS);
            assertThat(spans).as("named by the agent argument").allSatisfy(
                    s -> assertThat(s.span().getName()).isEqualTo("attached"));
            assertThat(spans.get(0).resourceAttribute("telemetry.sdk.version").getStringValue())
                    .as("the jar's version, read from its manifest with its classes on the boot class path")
                    .isNotBlank();
        }
        String cds = Files.readString(cdsLog);
        assumeTrue(cds.contains("full module graph:"), "skipped: this JVM runs without a CDS archive\n" + cds);
        assertThat(cds).as("the CDS archive's module graph is used").contains("full module graph: enabled");
    }

    /** The JVM's behaviour behind the advice: if a JDK stops doing this, docs/agent.md's reason goes too. */
    @Test
    void javaagentAttach_turnsTheArchivedModuleGraphOff() throws Exception {
        Path cdsLog = workDir.resolve("cds.log");
        ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                .agentArgs("enabled=false")
                .jvmArg("-Xlog:cds=info:file=" + cdsLog)
                .run(workDir, 60, dev.fnlens.testfn.EmptyMain.class.getName());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String cds = Files.readString(cdsLog);
        assumeTrue(cds.contains("full module graph:"), "skipped: this JVM runs without a CDS archive\n" + cds);
        assertThat(cds).contains("jdk.module.addmods").contains("full module graph: disabled");
    }
}
