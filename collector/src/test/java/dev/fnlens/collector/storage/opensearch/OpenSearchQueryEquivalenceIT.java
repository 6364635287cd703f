package dev.fnlens.collector.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.EventCodec;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryEquivalence;
import dev.fnlens.collector.storage.opensearch.OpenSearchQueries.Plan;
import dev.fnlens.collector.query.QueryRequest;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.wal.WriteAheadLog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole query suite against the OpenSearch store, on a real OpenSearch: events go in
 * through the store's own shipping (bulk with idempotent ids), queries through its translation.
 */
class OpenSearchQueryEquivalenceIT extends QueryEquivalence {
    @TempDir
    static Path data;
    private OpenSearchStorage storage;
    private WriteAheadLog<List<LogEvent>> wal;
    private long lastSeq;

    @Override
    protected QueryService open() throws IOException {
        URI url = TestOpenSearch.url();
        storage = OpenSearchStorage.open(OpenSearchConfig.of(List.of(url)).withIndexPrefix(TestOpenSearch.freshPrefix()),
                data, 0);
        wal = TestOpenSearch.startBehindLog(storage, data.resolve("wal"));
        return new QueryService(storage.queries(), Duration.ofSeconds(30));
    }

    @Override
    protected void store(long seq, List<LogEvent> events) throws IOException {
        lastSeq = wal.append(EventCodec.encode(events), events);
        assertThat(lastSeq).isEqualTo(seq);
    }

    @Override
    protected void flush() throws IOException {
        TestOpenSearch.awaitShipped(storage, lastSeq);
    }

    @Test
    void statsOverExactFilters_areAggregatedInOpenSearch_theRestStreamed() throws IOException {
        OpenSearchQueries queries = (OpenSearchQueries) storage.queries();
        long before = queries.answered(Plan.AGGREGATED);
        long now = System.currentTimeMillis() / 1000;
        service.run(new QueryRequest("filter @type = \"REPORT\" | stats pct(@duration, 99) by @log", 0, now,
                List.of(), null), () -> false);
        assertThat(queries.answered(Plan.AGGREGATED)).isEqualTo(before + 1);
        service.run(new QueryRequest("filter @message like \"cart\" | stats count()", 0, now, List.of(), null),
                () -> false);
        service.run(new QueryRequest("stats avg(@duration / 1000)", 0, now, List.of(), null), () -> false);
        assertThat(queries.answered(Plan.AGGREGATED)).as("a loose filter, an expression: not by aggregates")
                .isEqualTo(before + 1);

        long replayed = queries.answered(Plan.REPLAYED);
        service.run(new QueryRequest("filter @type = \"REPORT\" | stats sum(ispresent(@initDuration)) / count(*)"
                + " as coldShare by bin(5m)", 0, now, List.of(), null), () -> false);
        service.run(new QueryRequest("stats earliest(@duration) by @log", 0, now, List.of(), null), () -> false);
        service.run(new QueryRequest("stats max(@timestamp) by bin(1m)", 0, now, List.of(), null), () -> false);
        assertThat(queries.answered(Plan.REPLAYED)).as("the expressions replayed; earliest and the time itself: every event")
                .isEqualTo(replayed + 1);
    }

    @Test
    void theNewestOrFirstEvents_areReadAlone() throws IOException {
        OpenSearchQueries queries = (OpenSearchQueries) storage.queries();
        long before = queries.answered(Plan.WINDOWED);
        long now = System.currentTimeMillis() / 1000;
        for (String q : List.of("fields @timestamp, @message | sort @timestamp desc | limit 20",
                "filter @type = \"REPORT\" | sort @timestamp asc, @duration desc | limit 5", "fields @message")) {
            service.run(new QueryRequest(q, 0, now, List.of(), null), () -> false);
        }
        assertThat(queries.answered(Plan.WINDOWED)).isEqualTo(before + 3);
        service.run(new QueryRequest("filter @message like \"cart\" | sort @timestamp desc | limit 20", 0, now,
                List.of(), null), () -> false);
        service.run(new QueryRequest("sort @logStream desc | limit 20", 0, now, List.of(), null), () -> false);
        service.run(new QueryRequest("fields @duration * 2 as @duration | sort @duration desc | limit 5", 0, now,
                List.of(), null), () -> false);
        assertThat(queries.answered(Plan.WINDOWED)).as("a loose filter, a text sort, a computed sort key: every event")
                .isEqualTo(before + 3);
        service.run(new QueryRequest("filter @type = \"REPORT\" | sort @duration desc | limit 100", 0, now,
                List.of(), null), () -> false);
        assertThat(queries.answered(Plan.WINDOWED)).as("the slowest invocations").isEqualTo(before + 4);
    }

    @AfterAll
    void close() throws IOException {
        storage.close();
        wal.close();
    }
}
