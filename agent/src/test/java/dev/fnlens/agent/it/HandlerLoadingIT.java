package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.IsolatedLoaderMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain handlers named by {@code _HANDLER}, and handlers of class loaders that cannot see the agent. */
class HandlerLoadingIT {
    @TempDir
    Path workDir;

    @Test
    void pojoHandler_andAHandlerOfAnIsolatedClassLoader_areRecorded() throws Exception {
        try (FakeCollector collector = FakeCollector.answering(200)) {
            ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                    .env("FNLENS_ENDPOINT", collector.endpoint())
                    .env("_HANDLER", "dev.fnlens.testfn.PojoGreeter::greet")
                    .run(workDir, 60, IsolatedLoaderMain.class.getName(), ChildJvm.classpathEntry("test-classes"),
                            ChildJvm.classpathEntry("aws-lambda-java-core"));

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<ReceivedSpan> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
            assertThat(spans).extracting(ReceivedSpan::requestId).containsExactlyInAnyOrder("req-pojo", "req-isolated");
            assertThat(spans).allSatisfy(s -> assertThat(s.attribute("fnlens.status").getStringValue())
                    .isEqualTo("success"));
        }
    }
}
