package dev.fnlens.testkit.opensearch;

import static dev.fnlens.testkit.opensearch.OpenSearchNodeIT.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
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

    private static List<String> shards(URI uri) throws IOException {
        return Http.expectOk("GET", uri.resolve("/_cat/shards/invocations?h=prirep,node"), null).lines()
                .map(String::strip).toList();
    }
}
