package dev.fnlens.collector.query.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.query.LuceneQueries;
import dev.fnlens.collector.query.QueryRequest;
import dev.fnlens.collector.query.QueryService;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.query.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregations and message patterns over many segments scanned in two halves, the later half on the helper thread,
 * then merged: the row engine's rows and statistics, whatever the keys and aggregates, and the groups in the same order.
 */
class InTwoTest {
    private static final long T0 = Instant.parse("2026-03-04T10:00:00Z").toEpochMilli();

    @TempDir
    static Path root;
    static LuceneStore store;
    static QueryService columnar;
    static QueryService rows;
    static long parallelBefore;

    @BeforeAll
    static void index() throws IOException {
        parallelBefore = InTwo.parallelFromDocs;
        InTwo.parallelFromDocs = 0; // every aggregation here goes in two
        store = InvocationStores.open(root, 17, T0, 3000, 700); // several segments
        columnar = new QueryService(new LuceneQueries(store, true), Duration.ofSeconds(30));
        rows = new QueryService(new LuceneQueries(store, false), Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() throws IOException {
        InTwo.parallelFromDocs = parallelBefore;
        store.close();
    }

    @Test
    void inTwo_givesTheRowEnginesAnswer() throws IOException {
        List<String> queries = List.of(
                "stats count(*)",
                "stats count(*) by bin(1m)",
                "filter @type = \"REPORT\" | stats count() as n, count(@initDuration) as cold, sum(@billedDuration) as billed,"
                        + " avg(@duration) as mean, min(@duration) as fastest, max(@maxMemoryUsed) as peak by @log",
                "filter @type = \"REPORT\" | stats pct(@duration, 50) as p50, pct(@duration, 99) as p99,"
                        + " count_distinct(@memorySize) as sizes by @log, bin(5m)",
                "filter @type = \"REPORT\" | stats sum(ispresent(@initDuration)) / count(*) as coldShare by bin(2m)",
                "stats count(*) as n by @type, @log | sort n desc",
                "filter @log = \"/aws/lambda/users\" | stats avg(@duration), max(@initDuration) by @logStream",
                "stats count_distinct(@requestId) as invocations, count_distinct(@logStream) by @log",
                "pattern @message",
                "filter @type = \"REPORT\" | pattern @message | sort @sampleCount desc | limit 5");
        for (String query : queries) {
            QueryRequest request = new QueryRequest(query, T0 / 1000 - 5, T0 / 1000 + 7200, List.of(), null);
            QueryResult expected = rows.run(request, () -> false).result();
            QueryResult actual = columnar.run(request, () -> false).result();
            assertThat(actual).as(query).isEqualTo(expected);
            assertThat(actual.rows()).as(query).isNotEmpty();
        }
    }
}
