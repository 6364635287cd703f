package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.search.LuceneSearch;
import dev.fnlens.collector.search.SearchRequest;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.ResultField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @logStream} has doc values only, no terms (index format 6): every way a query names it must still find its
 * events, in Logs Insights queries and in the search box alike.
 */
class LogStreamQueriesTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final String A = "2026/01/01/[$LATEST]0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String B = "2026/01/01/[$LATEST]ffee00112233445566778899aabbccdd";
    private static final String C = "2026/01/01/[7]00000000000000000000000000000007";

    @TempDir
    Path dir;
    private LuceneStore store;
    private QueryService insights;
    private LuceneSearch search;

    @BeforeEach
    void index() throws Exception {
        store = LuceneStore.open(dir);
        store.add(1, List.of(line(0, A, "a1"), line(1, B, "b1"), line(2, A, "a2"), line(3, C, "c1")));
        store.refresh();
        store.add(2, List.of(line(4, B, "b2"), line(5, A, "a3"))); // a second segment
        store.refresh();
        insights = new QueryService(new LuceneQueries(store), Duration.ofSeconds(10));
        search = new LuceneSearch(store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static LogEvent line(int ms, String stream, String message) {
        return LogEvent.of(T0 + ms, T0 + ms, "/aws/lambda/orders", stream, message);
    }

    @Test
    void insightsFilters_findTheStreamsEvents() throws Exception {
        assertThat(messages("filter @logStream = \"" + A + "\"")).containsExactly("a1", "a2", "a3");
        assertThat(messages("filter @logStream != \"" + A + "\"")).containsExactly("b1", "c1", "b2");
        assertThat(messages("filter @logStream in [\"" + B + "\", \"" + C + "\"]")).containsExactly("b1", "c1", "b2");
        assertThat(messages("filter @logStream like \"ffee00\"")).containsExactly("b1", "b2");
        assertThat(messages("filter @logStream like /\\[7\\]0+7$/")).containsExactly("c1");
        assertThat(messages("filter @logStream = \"2026/01/01/[$LATEST]\"")).isEmpty();
        assertThat(messages("filter ispresent(@logStream)")).hasSize(6);
    }

    @Test
    void insightsAggregates_readTheStreams() throws Exception {
        List<List<ResultField>> rows = insights.run(Query.parse("stats count() as n by @logStream | sort n desc, @logStream"),
                T0, T0 + 60_000, List.of(), ExecutionLimits.timeout(Duration.ofSeconds(5))).result().rows();
        assertThat(rows).extracting(row -> row.get(0).value() + "=" + row.get(1).value())
                .containsExactly(A + "=3", B + "=2", C + "=1");
    }

    @Test
    void theSearchBox_findsTheStreamsEvents_byValue_prefix_wildcard_regex_range_andFuzzily() throws Exception {
        assertThat(searched("@logStream:\"" + A + "\"")).containsExactly("a3", "a2", "a1");
        assertThat(searched("@logStream:2026\\/01\\/01\\/\\[7\\]*")).containsExactly("c1");
        assertThat(searched("@logStream:2026*ffee00*")).containsExactly("b2", "b1");
        assertThat(searched("@logStream:/.*\\[7\\].*/")).containsExactly("c1");
        assertThat(searched("@logStream:[\"2026/01/01/[7]\" TO \"2026/01/01/[8]\"]")).containsExactly("c1");
        assertThat(searched("@logStream:2026\\/01\\/01\\/\\[7\\]00000000000000000000000000000008~1")).containsExactly("c1");
        assertThat(searched("@logStream:\"" + C + "\" OR @logStream:\"" + B + "\"")).containsExactly("b2", "c1", "b1");
    }

    private List<String> messages(String filter) throws Exception {
        return insights.run(Query.parse(filter + " | fields @message | sort @timestamp asc"), T0, T0 + 60_000, List.of(),
                ExecutionLimits.timeout(Duration.ofSeconds(5))).result().rows().stream()
                .map(row -> row.stream().filter(f -> f.field().equals("@message")).findFirst().orElseThrow().value())
                .toList();
    }

    private List<String> searched(String query) throws Exception {
        return search.search(new SearchRequest(query, T0, T0 + 60_000, List.of(), 100)).events().stream()
                .map(LogEvent::message).toList();
    }
}
