package dev.fnlens.collector.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.AckLedger;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.storage.StorageConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collector on the OpenSearch store, over its real HTTP ports: ingest, queries, search, functions, restarts. */
class OpenSearchCollectorIT {
    @TempDir
    Path data;

    private CollectorConfig config(Path dir, String prefix) {
        return CollectorConfig.defaults().withDataDir(dir).withOtlpPort(0).withHttpPort(0)
                .withStorage(StorageConfig.openSearch(OpenSearchConfig.of(List.of(TestOpenSearch.url()))
                        .withIndexPrefix(prefix)));
    }

    @Test
    void whatTheCollectorAcknowledges_isQueryableSearchableAndListed() throws Exception {
        AckLedger ledger = new AckLedger();
        String run = AckLedger.runId();
        try (Collector collector = Collector.start(config(data, TestOpenSearch.freshPrefix()))) {
            TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
            for (int i = 0; i < 6; i++) {
                assertThat(ledger.send(http, "orders-" + run, 25)).isTrue();
                assertThat(ledger.send(http, "users-" + run, 10)).isTrue();
            }
            ledger.awaitSearchable(http, 30_000);
            ledger.assertExactlyOnce(http);

            JsonNode answer = TestHttp.json(http.postApi("/api/query", """
                    {"query": "filter @type = \\"REPORT\\" | stats count() as n, max(@memorySize) as m by @log | sort @log",
                     "startTime": %d, "endTime": %d}""".formatted(System.currentTimeMillis() / 1000 - 600,
                    System.currentTimeMillis() / 1000 + 60)));
            assertThat(answer.get("status").asText()).isEqualTo("Complete");
            assertThat(answer.get("results")).hasSize(2);
            assertThat(answer.get("results").get(0).get(1).get("value").asText()).isEqualTo("150");
            assertThat(answer.get("results").get(1).get(1).get("value").asText()).isEqualTo("60");

            JsonNode functions = http.getJson("/api/functions");
            assertThat(functions.toString()).contains("orders-" + run).contains("users-" + run);

            String metrics = new String(http.get("/metrics").body());
            assertThat(metrics).contains("fnlens_opensearch_queries_total{plan=\"aggregated\"} 1.0")
                    .contains("fnlens_opensearch_shipped_total").contains("fnlens_opensearch_backlog_records 0.0");
        }
    }

    @Test
    void aDayIndexWithoutAnActivePrimary_isLeftOutOfQueries_andReported() throws Exception {
        String prefix = TestOpenSearch.freshPrefix();
        AckLedger ledger = new AckLedger();
        try (Collector collector = Collector.start(config(data, prefix))) {
            TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
            assertThat(ledger.send(http, "orders-" + AckLedger.runId(), 10)).isTrue();
            ledger.awaitSearchable(http, 30_000);
            // a day whose only shard can never be placed: red, as when its node is lost without a replica
            HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    TestOpenSearch.url().resolve("/" + prefix + "-events-2020.01.01?wait_for_active_shards=0"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"settings\": {\"index.routing.allocation.require._name\": \"no-such-node\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
            Thread.sleep(1100); // the collector looks at the list of day indices at most once a second

            JsonNode answer = TestHttp.json(http.postApi("/api/query", """
                    {"query": "filter @type = \\"REPORT\\" | stats count() as n", "startTime": %d, "endTime": %d}"""
                    .formatted(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                            System.currentTimeMillis() / 1000 + 60)));
            JsonNode health = TestHttp.json(http.get("/healthz"));

            assertThat(answer.get("status").asText()).isEqualTo("Complete");
            assertThat(answer.get("results").get(0).get(0).get("value").asText()).isEqualTo("10");
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.get("problem").asText()).contains(prefix + "-events-2020.01.01");
        }
    }

    @Test
    void recordsSentAgainAfterARestart_areStoredOnce() throws Exception {
        AckLedger ledger = new AckLedger();
        String run = AckLedger.runId();
        String prefix = TestOpenSearch.freshPrefix();
        try (Collector collector = Collector.start(config(data, prefix))) {
            TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
            for (int i = 0; i < 5; i++) {
                assertThat(ledger.send(http, "orders-" + run, 20)).isTrue();
            }
            ledger.awaitSearchable(http, 30_000);
        }
        // as if the collector had died before saving what OpenSearch confirmed: the whole log goes again
        Files.delete(data.resolve("opensearch/shipped-seq"));
        try (Collector collector = Collector.start(config(data, prefix))) {
            TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
            assertThat(ledger.send(http, "orders-" + run, 20)).isTrue();
            ledger.awaitSearchable(http, 30_000);
            Thread.sleep(2000); // the records sent again land too
            ledger.assertExactlyOnce(http);
        }
    }
}
