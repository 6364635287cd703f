package dev.fnlens.collector.query.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.query.QueryRequest;
import dev.fnlens.collector.query.LuceneQueries;
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
 * Top-k over segments of many blocks ({@link SegmentFacts#BLOCK} documents): asked again, a query visits only the
 * blocks that can still enter, best first, and must still give the row engine's rows and statistics.
 */
class TopKBlocksTest {
    private static final long T0 = Instant.parse("2026-03-04T10:00:00Z").toEpochMilli();

    @TempDir
    static Path root;
    static LuceneStore store;
    static QueryService columnar;
    static QueryService rows;

    @BeforeAll
    static void index() throws IOException {
        store = InvocationStores.open(root, 31, T0, 8000, 4001); // several segments
        columnar = new QueryService(new LuceneQueries(store, true), Duration.ofSeconds(30));
        rows = new QueryService(new LuceneQueries(store, false), Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() throws IOException {
        store.close();
    }

    @Test
    void askedAgain_givesTheRowEnginesAnswer() throws IOException {
        for (String sort : List.of("@duration desc", "@duration asc", "@billedDuration desc", "@initDuration desc",
                "@initDuration asc", "@maxMemoryUsed asc")) {
            for (int n : new int[] {1, 10, 100, 3000}) {
                for (String filter : List.of("", "filter @type = \"REPORT\" | ", "filter @log = \"/aws/lambda/users\" | ")) {
                    String query = filter + "sort " + sort + " | limit " + n;
                    for (int round = 0; round < 2; round++) {
                        QueryRequest request = new QueryRequest(query, T0 / 1000 - 5, T0 / 1000 + 3600, List.of(), null);
                        QueryResult expected = rows.run(request, () -> false).result();
                        QueryResult actual = columnar.run(request, () -> false).result();
                        assertThat(actual).as(query).isEqualTo(expected);
                    }
                }
            }
        }
    }
}
