package dev.fnlens.testkit.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenSearchNodeConfigTest {
    private final OpenSearchNode.Config single = OpenSearchNode.Config.of(Path.of("os.zip"), Path.of("work"));

    @Test
    void of_isASingleNodeClusterWithFreePorts() {
        assertThat(single.settings()).containsEntry("discovery.type", "single-node").containsEntry("node.name", "node-1");
        assertThat(single.httpPort()).isZero();
        assertThat(single.transportPort()).isZero();
        assertThat(single.logsDir()).isEqualTo(Path.of("work/opensearch-home/logs"));
    }

    @Test
    void withSetting_null_removesIt() {
        OpenSearchNode.Config c = single.withSetting("discovery.type", null).withSetting("node.name", "node-2");
        assertThat(c.settings()).doesNotContainKey("discovery.type");
        assertThat(c.nodeName()).isEqualTo("node-2");
        assertThat(single.settings()).containsKey("discovery.type");
    }

    @Test
    void withPorts_keepsTheRest() {
        OpenSearchNode.Config c = single.withHeap("512m").withPorts(9201, 9301);
        assertThat(c.httpPort()).isEqualTo(9201);
        assertThat(c.transportPort()).isEqualTo(9301);
        assertThat(c.heap()).isEqualTo("512m");
        assertThat(c.settings()).isEqualTo(single.settings());
    }

    @Test
    void freePorts_areDistinct() {
        int[] ports = OpenSearchNode.freePorts(6);
        assertThat(ports).hasSize(6).doesNotHaveDuplicates().doesNotContain(0);
    }
}
