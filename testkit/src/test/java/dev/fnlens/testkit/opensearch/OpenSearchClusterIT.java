package dev.fnlens.testkit.opensearch;

import static dev.fnlens.testkit.opensearch.OpenSearchNodeIT.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSearchClusterIT {
    private static final int DOCS = 200;

    @Test
    void killingThePrimarysNode_leavesEveryDocCountable() throws IOException {
        try (OpenSearchCluster cluster = OpenSearchSupport.startCluster(2, OpenSearchSupport.workDir("OpenSearchClusterIT"))) {
            assertThat(cluster.uris()).hasSize(2).doesNotHaveDuplicates();
            assertThat(Http.expectOk("GET", cluster.uri().resolve("/_cat/nodes?h=name"), null).lines().sorted())
                    .containsExactly("node-1", "node-2");

            // given: one shard, its primary on the node that is not the cluster manager (with two nodes only
            // the manager votes, so the other one is the one the cluster survives losing), its replica on the other
            OpenSearchNode manager = cluster.clusterManager();
            OpenSearchNode primary = cluster.nodes().stream().filter(n -> n != manager).findFirst().orElseThrow();
            URI uri = manager.uri();
            Http.expectOk("PUT", uri.resolve("/invocations"), "{\"settings\": {\"number_of_shards\": 1,"
                    + " \"number_of_replicas\": 0, \"index.routing.allocation.require._name\": \"" + primary.name() + "\"}}");
            Http.expectOk("GET", uri.resolve("/_cluster/health/invocations?wait_for_status=green&timeout=60s"), null);
            Http.expectOk("PUT", uri.resolve("/invocations/_settings"), "{\"number_of_replicas\": 1,"
                    + " \"index.routing.allocation.require._name\": null}");
            Http.expectOk("GET", uri.resolve("/_cluster/health/invocations?wait_for_status=green&timeout=60s"), null);
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < DOCS; i++) {
                bulk.append("{\"index\":{}}\n{\"requestId\":\"r-").append(i).append("\"}\n");
            }
            String answer = Http.expectOk("POST", uri.resolve("/invocations/_bulk?refresh=true"), bulk.toString());
            assertThat(answer).contains("\"errors\":false");
            assertThat(shards(uri)).containsExactlyInAnyOrder("p " + primary.name(), "r " + manager.name());

            // when
            primary.kill();

            // then
            cluster.awaitHealth(1, "yellow");
            assertThat(count(uri, "invocations")).isEqualTo(DOCS);
            assertThat(shards(uri)).contains("p " + manager.name());
        }
    }

    @Test
    void start_whenANodeDies_stopsTheOthersAndSaysWhy() throws IOException {
        // given: node-2's "OpenSearch" prints a line and exits 3 after node-1 has started waiting for it
        Path workDir = OpenSearchSupport.workDir("OpenSearchClusterIT-fails");
        Path distribution = OpenSearchSupport.distribution();
        Path script = Files.createDirectories(workDir.resolve("node-2/home/bin")).resolve("opensearch");
        Files.writeString(script, "#!/bin/sh\necho 'node-2 cannot start: no disk'\nsleep 8\nexit 3\n");
        assertThat(script.toFile().setExecutable(true, false)).isTrue();
        long t0 = System.nanoTime();

        // when, then
        assertThatThrownBy(() -> OpenSearchCluster.start(distribution, 2, workDir, OpenSearchSupport.HEAP))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("OpenSearch cluster of 2 did not start (its other nodes were stopped): "
                        + "OpenSearch node-2 exited with code 3")
                .hasMessageContaining("node-2 cannot start: no disk");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(1));
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(workDir.toString()))).isEmpty();
    }

    private static List<String> shards(URI uri) throws IOException {
        return Http.expectOk("GET", uri.resolve("/_cat/shards/invocations?h=prirep,node"), null).lines()
                .map(String::strip).toList();
    }
}
