package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.IsolatedLoaderMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain handlers named by {@code _HANDLER}, and handlers of class loaders that do not delegate to the system class
 * loader: the agent as built (its classes on the boot class path, which every loader sees), and renamed (its
 * manifest's boot class path entry then names no file: its classes load from the class path, and the handler of
 * the isolated loader calls them through the bridge the agent puts on the boot class path).
 */
class HandlerLoadingIT {
    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fnlens-agent.jar", "fnlens-agent-renamed.jar"})
    void pojoHandler_andAHandlerOfAnIsolatedClassLoader_areRecorded(String jarName) throws Exception {
        Path jar = ChildJvm.AGENT_JAR;
        if (!jarName.equals(jar.getFileName().toString())) {
            jar = Files.copy(ChildJvm.AGENT_JAR, Files.createDirectories(workDir.resolve("agent")).resolve(jarName));
        }
        try (FakeCollector collector = FakeCollector.answering(200)) {
            ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                    .agentJar(jar)
                    .env("FNLENS_DEBUG", "true")
                    .env("FNLENS_ENDPOINT", collector.endpoint())
                    .env("_HANDLER", "dev.fnlens.testfn.PojoGreeter::greet")
                    .run(workDir, 60, IsolatedLoaderMain.class.getName(), ChildJvm.classpathEntry("test-classes"),
                            ChildJvm.classpathEntry("aws-lambda-java-core"));

            assertThat(result.exitCode()).as(result.describe()).isZero();
            if (jar == ChildJvm.AGENT_JAR) {
                assertThat(result.stderr()).as("every loader sees the hooks").doesNotContain("bootstrap bridge");
            } else {
                assertThat(result.stderr()).as("the bridge was needed").contains("bootstrap bridge installed");
            }
            List<ReceivedSpan> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
            assertThat(spans).extracting(ReceivedSpan::requestId).containsExactlyInAnyOrder("req-pojo", "req-isolated");
            assertThat(spans).allSatisfy(s -> assertThat(s.attribute("fnlens.status").getStringValue())
                    .isEqualTo("success"));
        }
    }
}
