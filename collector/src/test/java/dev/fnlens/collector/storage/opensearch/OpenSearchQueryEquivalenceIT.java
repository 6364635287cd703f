package dev.fnlens.collector.storage.opensearch;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryEquivalence;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.storage.Storage;
import dev.fnlens.collector.wal.WriteAheadLog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole query suite against the OpenSearch store, on a real OpenSearch: events go in
 * through the store's own shipping (bulk with idempotent ids), queries through its translation.
 */
class OpenSearchQueryEquivalenceIT extends QueryEquivalence {
    @TempDir
    static Path data;
    private OpenSearchStorage storage;
    private WriteAheadLog.DurableListener<List<LogEvent>> shipper;
    private long lastSeq;

    @Override
    protected QueryService open() throws IOException {
        URI url = TestOpenSearch.url();
        storage = OpenSearchStorage.open(OpenSearchConfig.of(List.of(url)).withIndexPrefix(TestOpenSearch.freshPrefix()),
                data, 0);
        storage.recover(data.resolve("wal"));
        shipper = storage.start(new Storage.DurableLog() {
            @Override
            public long durableSeq() {
                return lastSeq;
            }

            @Override
            public void deleteThrough(long seq) {
            }
        });
        return new QueryService(storage.queries(), Duration.ofSeconds(30));
    }

    @Override
    protected void store(long seq, List<LogEvent> events) {
        lastSeq = seq;
        shipper.durable(seq, events);
    }

    @Override
    protected void flush() throws IOException {
        TestOpenSearch.awaitShipped(storage, lastSeq);
    }

    @AfterAll
    void close() throws IOException {
        storage.close();
    }
}
