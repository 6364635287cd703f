package dev.fnlens.testkit.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenSearchNodeIT {
    @Test
    void restart_sameUriAndData_afterStopAndAfterKill() throws IOException {
        try (OpenSearchNode node = OpenSearchSupport.startNode(OpenSearchSupport.workDir("OpenSearchNodeIT"))) {
            URI uri = node.uri();
            Http.expectOk("PUT", uri.resolve("/invocations/_doc/1?refresh=true"), "{\"requestId\":\"r-1\"}");

            node.stop();
            assertThat(node.isRunning()).isFalse();
            assertThatThrownBy(() -> Http.get(uri)).isInstanceOf(IOException.class);

            node.restart();
            assertThat(node.uri()).isEqualTo(uri);
            assertThat(count(uri, "invocations")).isEqualTo(1);

            long pid = node.pid();
            Http.expectOk("PUT", uri.resolve("/invocations/_doc/2?refresh=true"), "{\"requestId\":\"r-2\"}");
            node.kill();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

            node.restart();
            assertThat(count(uri, "invocations")).isEqualTo(2);
        }
    }

    @Test
    void start_thatFails_saysWhyWithTheEndOfTheLog() throws IOException {
        OpenSearchNode.Config config = OpenSearchNode.Config.of(OpenSearchSupport.distribution(),
                OpenSearchSupport.workDir("OpenSearchNodeIT-fails")).withHeap(OpenSearchSupport.HEAP)
                .withSetting("fnlens.no.such.setting", "1");

        assertThatThrownBy(() -> OpenSearchNode.start(config))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("OpenSearch node-1 exited with code")
                .hasMessageContaining("console.log")
                .hasMessageContaining("unknown setting [fnlens.no.such.setting]");
    }

    static long count(URI uri, String index) throws IOException {
        String body = Http.expectOk("GET", uri.resolve("/" + index + "/_count"), null);
        Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return Long.parseLong(m.group(1));
    }
}
