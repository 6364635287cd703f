package dev.fnlens.collector.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.EventCodec;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.QueryAnswer;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.wal.WriteAheadLog;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on the OpenSearch store deletes whole day indices; queries then find only the days kept. */
class OpenSearchRetentionIT {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path data;

    @Test
    void daysPastRetention_areDeletedWhole() throws IOException {
        long now = System.currentTimeMillis();
        String prefix = TestOpenSearch.freshPrefix();
        try (OpenSearchStorage storage = OpenSearchStorage.open(OpenSearchConfig.of(List.of(TestOpenSearch.url()))
                .withIndexPrefix(prefix), data, 2);
             WriteAheadLog<List<LogEvent>> wal = TestOpenSearch.startBehindLog(storage, data.resolve("wal"))) {
            long[] days = {now - 5 * DAY, now - 2 * DAY, now - DAY, now};
            for (int i = 0; i < days.length; i++) {
                List<LogEvent> events = List.of(LogEvent.of(days[i], now, "/aws/lambda/orders", "s", "line " + i));
                wal.append(EventCodec.encode(events), events);
            }
            TestOpenSearch.awaitShipped(storage, days.length);
            QueryService queries = new QueryService(storage.queries(), Duration.ofSeconds(30));
            assertThat(count(queries, now - 6 * DAY, now)).isEqualTo(4);

            storage.applyRetention(); // what runs hourly: keeps today and yesterday

            assertThat(count(queries, now - 6 * DAY, now)).isEqualTo(2);
            assertThat(queries.run(Query.parse("stats count()"), now - 6 * DAY, now - 4 * DAY, List.of(),
                    ExecutionLimits.none()).partitionsSearched()).as("a range of deleted days opens nothing").isZero();
        }
    }

    private static long count(QueryService queries, long from, long to) throws IOException {
        QueryAnswer answer = queries.run(Query.parse("stats count() as n"), from, to, List.of(), ExecutionLimits.none());
        return Long.parseLong(answer.result().rows().get(0).get(0).value());
    }
}
