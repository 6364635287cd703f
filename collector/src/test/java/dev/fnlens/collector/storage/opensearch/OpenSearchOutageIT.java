package dev.fnlens.collector.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.AckLedger;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.storage.StorageConfig;
import dev.fnlens.testkit.opensearch.OpenSearchNode;
import dev.fnlens.testkit.opensearch.OpenSearchSupport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSearch stopped for a minute during ingest: the collector keeps acknowledging (its
 * write-ahead log holds the events), reports the problem, and once OpenSearch is back sends the
 * backlog; every acknowledged event is then found exactly once.
 */
class OpenSearchOutageIT {
    @TempDir
    Path data;

    @Test
    void aMinuteWithoutOpenSearch_losesNothingAndDuplicatesNothing() throws Exception {
        try (OpenSearchNode node = OpenSearchSupport.startNode(OpenSearchSupport.workDir("OpenSearchOutageIT"));
             Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0)
                     .withHttpPort(0).withStorage(StorageConfig.openSearch(OpenSearchConfig.of(List.of(node.uri())))))) {
            TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
            AckLedger ledger = new AckLedger();
            String run = AckLedger.runId();
            Traffic traffic = new Traffic(ledger, List.of(http), List.of("a-" + run, "b-" + run, "c-" + run), 10, 50);
            Thread.sleep(3000);
            int beforeOutage = ledger.acknowledged();

            node.stop();
            Thread.sleep(60_000);
            int duringOutage = ledger.acknowledged() - beforeOutage;
            String health = http.get("/healthz").statusCode() + " " + new String(http.get("/healthz").body());

            node.restart();
            Thread.sleep(3000);
            traffic.stop();

            assertThat(traffic.statuses()).as("every request was acknowledged, outage or not").containsOnlyKeys(200);
            assertThat(duringOutage).as("acknowledged while OpenSearch was down").isGreaterThan(1000);
            assertThat(health).as("the collector says what is wrong").contains("OpenSearch");
            ledger.awaitSearchable(http, 120_000);
            ledger.assertExactlyOnce(http);
        }
    }
}
